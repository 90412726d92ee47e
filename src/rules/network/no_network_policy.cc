// net-no-network-policy: pods no NetworkPolicy selects accept traffic from everywhere.
#include "rules/config.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Objects a controller owns (a Deployment's ReplicaSets, a ReplicaSet's Pods in a cluster
// dump) are judged through their owner.
bool IsControlled(const k8s::Object& o) {
  const doc::Node* refs = o.metadata() ? o.metadata()->Get("ownerReferences") : nullptr;
  if (!refs) return false;
  for (const doc::Node* r : refs->items()) {
    if (IsTrue(r->Get("controller"))) return true;
  }
  return false;
}

class NoNetworkPolicy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-no-network-policy",
        .family = Family::kNetwork,
        .severity = Severity::kMedium,
        .summary = "no NetworkPolicy selects the pod",
        .rationale =
            "Pods that no NetworkPolicy selects accept connections from every pod of "
            "every namespace, so one compromised workload reaches them all. "
            "`podSelector: {}` selects every pod of its namespace and counts. Speaks "
            "only when the bundle can know: it defines NetworkPolicies or the "
            "Namespace object for that namespace (or is declared complete). "
            "hostNetwork pods (which policies cannot isolate), system namespaces and "
            "objects a controller owns are skipped.",
        .remediation =
            "Add a default-deny NetworkPolicy (podSelector: {}) to the namespace and "
            "allow the traffic each workload needs.",
        .failing_example = "kind: Deployment\n# no NetworkPolicy in its namespace selects it",
        .passing_example =
            "kind: NetworkPolicy\nspec:\n  podSelector: {}\n  policyTypes: "
            "[Ingress, Egress]",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || o.kind() == "PodTemplate" || IsControlled(o)) return;
    if (IsTrue(o.pod()->Get("hostNetwork"))) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    if (!ctx.index.PoliciesSelecting(o).empty()) return;
    if (!ctx.index.Covers("NetworkPolicy", ns)) return;
    const doc::Node* name = o.metadata() ? o.metadata()->Get("name") : nullptr;
    out.Reportf(*this, o, name ? name : o.root(), "metadata.name",
                "no NetworkPolicy in namespace '{}' selects the pods of {} '{}'", Index::Shown(ns),
                o.kind(), o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::NoNetworkPolicy)
