// sec-deprecated-sa-field: spec.serviceAccount is a deprecated alias.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class DeprecatedSaField final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-deprecated-sa-field",
        .family = Family::kSecurity,
        .severity = Severity::kLow,
        .summary = "pod uses the deprecated serviceAccount field",
        .rationale =
            "spec.serviceAccount is a deprecated alias of serviceAccountName; when both "
            "are set and differ, readers and tools disagree about which account the "
            "pod runs as.",
        .remediation = "Rename serviceAccount to serviceAccountName.",
        .failing_example = "spec:\n  serviceAccount: payment-api",
        .passing_example = "spec:\n  serviceAccountName: payment-api",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const doc::Node* n = o.pod()->Get("serviceAccount");
    if (!n || n->IsNull()) return;
    const doc::Node* name = o.pod()->Get("serviceAccountName");
    if (name && !name->IsNull() && name->text() != n->text()) {
      out.Reportf(*this, o, n, o.pod()->spec_path + ".serviceAccount",
                  "pod sets deprecated serviceAccount '{}', which differs from "
                  "serviceAccountName '{}'",
                  n->text(), name->text());
      return;
    }
    out.Reportf(*this, o, n, o.pod()->spec_path + ".serviceAccount",
                "pod sets deprecated serviceAccount '{}'; use serviceAccountName", n->text());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DeprecatedSaField)
