// cmp-netpol-metadata: an egress rule whose CIDR covers the cloud metadata address lets a pod
// fetch the node's cloud credentials.
#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/netpol.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

constexpr uint32_t kMetadataIp = (169u << 24) | (254u << 16) | (169u << 8) | 254u;

bool ExceptsMetadata(const doc::Node* block) {
  const doc::Node* except = block->Get("except");
  if (!except || !except->IsSeq()) return false;
  for (const doc::Node* e : except->items()) {
    auto c = ParseCidr4(ScalarText(e));
    if (c && c->Contains(kMetadataIp)) return true;
  }
  return false;
}

class CmpNetpolMetadata final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-netpol-metadata",
        .family = Family::kCompliance,
        .severity = Severity::kHigh,
        .summary = "egress rule in a regulated or internal namespace reaches 169.254.169.254",
        .rationale =
            "The cloud instance metadata service at 169.254.169.254 hands out the node's "
            "credentials. An egress ipBlock that covers it (0.0.0.0/0, 169.254.0.0/16, ...) "
            "without an except for it lets any selected pod take them.",
        .remediation =
            "Add `except: [169.254.169.254/32]` to the ipBlock, or allow only the CIDRs the "
            "workload needs.",
        .enabled_by_default = false,
        .failing_example = "egress:\n- to:\n  - ipBlock: {cidr: 0.0.0.0/0}",
        .passing_example =
            "egress:\n- to:\n  - ipBlock:\n      cidr: 0.0.0.0/0\n      except: "
            "[169.254.169.254/32]",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsNetworkPolicy(o)) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    auto cls = Classify(ctx.config.compliance, ctx.index, ns);
    if (!cls.regulated() && !cls.internal()) return;
    const doc::Node* spec = o.spec();
    if (!spec || !spec->IsMap()) return;
    if (!EffectivePolicyTypes(spec).egress) return;
    auto rules = DirectionRules(spec, Direction::kEgress);
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const doc::Node* r = rules[i];
      if (!r->IsMap() || !RuleAdmitsTcpPort(r, 80)) continue;
      const doc::Node* to = r->Get("to");
      if (!to || !to->IsSeq()) continue;
      for (std::size_t j = 0; j < to->size(); ++j) {
        const doc::Node* block = to->items()[j]->Get("ipBlock");
        if (!block || !block->IsMap()) continue;
        const doc::Node* cidr = block->Get("cidr");
        auto c = ParseCidr4(ScalarText(cidr));
        if (!c || !c->Contains(kMetadataIp) || ExceptsMetadata(block)) continue;
        out.Reportf(*this, o, cidr, fmt::format("spec.egress[{}].to[{}].ipBlock.cidr", i, j),
                    "NetworkPolicy '{}' egress rule {} allows {} which covers the cloud "
                    "metadata service 169.254.169.254, with no except for it",
                    o.name(), i, cidr->text());
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpNetpolMetadata)
