// cmp-plaintext-secret: a Secret manifest with data is a credential committed to the repository
// (base64 is an encoding, not encryption).
#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// SOPS keeps a top-level `sops` map and writes values as ENC[...]; such a file is encrypted.
bool SopsEncrypted(const k8s::Object& o) {
  const doc::Node* sops = o.root()->Get("sops");
  return sops && sops->IsMap();
}

class CmpPlaintextSecret final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-plaintext-secret",
        .family = Family::kCompliance,
        .severity = Severity::kHigh,
        .summary = "Secret with data committed in the scanned manifests",
        .rationale =
            "Secret data in a manifest is readable by everyone with access to the repository "
            "and its history; base64 hides nothing. Credentials belong in an external secret "
            "store or encrypted form (SOPS, Sealed Secrets, External Secrets).",
        .remediation =
            "Remove data/stringData from the manifest and deliver the values from a secret "
            "manager (External Secrets Operator, Secrets Store CSI driver) or commit them "
            "encrypted (SOPS, SealedSecret); rotate the exposed values.",
        .enabled_by_default = false,
        .failing_example = "kind: Secret\ndata:\n  password: c2VjcmV0",
        .passing_example =
            "kind: ExternalSecret\nspec:\n  data:\n  - secretKey: password\n    remoteRef: "
            "{key: pay/db}",
        .cross_resource = false,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (o.kind() != "Secret" || !o.group().empty()) return;
    if (ctx.config.IsSystemNamespace(Index::Namespace(o)) || SopsEncrypted(o)) return;
    for (std::string_view field : {"data", "stringData"}) {
      const doc::Node* data = o.root()->Get(field);
      if (!data || !data->IsMap()) continue;
      std::vector<std::string_view> keys;
      for (const doc::Pair& p : data->pairs()) {
        std::string_view v = ScalarText(p.value);
        if (v.empty() || v.starts_with("ENC[")) continue;
        keys.push_back(p.key->text());
      }
      if (keys.empty()) continue;
      // Values are never printed: only the key names.
      out.Reportf(*this, o, data, std::string(field),
                  "Secret '{}' commits {} value{} in {} ({}); base64 is an encoding, not "
                  "encryption",
                  o.name(), keys.size(), keys.size() == 1 ? "" : "s", field, fmt::join(keys, ", "));
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpPlaintextSecret)
