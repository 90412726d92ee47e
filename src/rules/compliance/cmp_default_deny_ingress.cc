// cmp-default-deny-ingress: every namespace that runs workloads starts from "deny all inbound"
// and opens what it needs; otherwise any pod in the cluster can reach it.
#include "rules/compliance/lib/default_deny.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpDefaultDenyIngress final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-default-deny-ingress",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "namespace with workloads has no default-deny ingress NetworkPolicy",
        .rationale =
            "Kubernetes allows all traffic to a pod until a NetworkPolicy selects it. A "
            "namespace-wide deny (podSelector: {}, Ingress in policyTypes, no ingress rules) "
            "makes every allowed flow an explicit, reviewable rule - the logical network "
            "separation auditors ask for.",
        .remediation =
            "Add a NetworkPolicy with podSelector: {}, policyTypes: [Ingress] and no ingress "
            "rules to the namespace, then allow the flows each workload needs.",
        .enabled_by_default = false,
        .failing_example =
            "kind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels: {app: api}\n"
            "  policyTypes: [Ingress]",
        .passing_example =
            "kind: NetworkPolicy\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    CheckDefaultDeny(*this, Direction::kIngress, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpDefaultDenyIngress)
