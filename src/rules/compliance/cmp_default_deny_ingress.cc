// cmp-default-deny-ingress: every namespace that runs workloads starts from "deny all inbound"
// and opens what it needs; otherwise any pod in the cluster can reach it.
#include "rules/compliance/cmp_default_deny_util.h"
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
        .mappings = {"CIS-1.10 5.3.2", "CIS-1.11 5.3.2", "CIS-1.12 5.3.2", "NSA-NS-2",
                     "PCI-DSS-4.0 1.3.1", "KR-EFSR 제15조", "ISMS-P 2.6.1"},
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
    compliance::CheckDefaultDeny(*this, compliance::Direction::kIngress, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(cmp_default_deny_ingress, gori::rules::CmpDefaultDenyIngress)
