// rel-hpa-replicas-set: spec.replicas fights the autoscaler on every apply.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HpaReplicasSet final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-hpa-replicas-set",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "a workload scaled by an HPA also sets spec.replicas",
        .rationale =
            "Each `kubectl apply` (or GitOps sync) of the manifest resets the replica "
            "count to spec.replicas, undoing the autoscaler: at peak that can cut a "
            "service scaled to 30 pods back to 3 until the HPA reacts. Speaks when an HPA "
            "in the bundle targets the workload.",
        .remediation = "Remove spec.replicas from the manifest of a workload an HPA scales.",
        .failing_example = "kind: Deployment\nspec:\n  replicas: 3   # and an HPA targets it",
        .passing_example = "kind: Deployment\nspec:\n  # no replicas: the HPA owns the count",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    const auto& hpas = ctx.index.HpasTargeting(o);
    if (hpas.empty()) return;
    const doc::Node* r = o.spec() ? o.spec()->Get("replicas") : nullptr;
    if (!r || r->IsNull()) return;
    out.Reportf(*this, o, r, "spec.replicas",
                "{} '{}' sets replicas: {} although HorizontalPodAutoscaler '{}' scales it; every "
                "apply resets the scale",
                o.kind(), o.name(), r->text(), hpas.front()->name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HpaReplicasSet)
