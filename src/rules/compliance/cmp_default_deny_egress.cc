// cmp-default-deny-egress: the outbound counterpart of cmp-default-deny-ingress; without it a
// compromised pod can reach any address the node can.
#include "rules/compliance/lib/default_deny.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpDefaultDenyEgress final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-default-deny-egress",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "namespace with workloads has no default-deny egress NetworkPolicy",
        .rationale =
            "Outbound traffic is unrestricted until a policy with Egress in its policyTypes "
            "selects the pod. Data leaves through egress; regulated and internal namespaces "
            "must only reach the destinations they are approved for.",
        .remediation =
            "Add a NetworkPolicy with podSelector: {}, policyTypes: [Egress] and no egress "
            "rules, then allow DNS and each approved destination explicitly.",
        .enabled_by_default = false,
        .failing_example =
            "kind: NetworkPolicy\nspec:\n  podSelector: {}\n  egress: []   # policyTypes "
            "defaults to [Ingress] only",
        .passing_example = "kind: NetworkPolicy\nspec:\n  podSelector: {}\n  policyTypes: [Egress]",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    CheckDefaultDeny(*this, Direction::kEgress, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpDefaultDenyEgress)
