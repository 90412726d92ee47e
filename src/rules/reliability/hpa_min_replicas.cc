// rel-hpa-min-replicas: an autoscaler that may scale to one replica.
#include "rules/config.h"
#include "rules/reliability/lib/hpa.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HpaMinReplicas final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-hpa-min-replicas",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "HPA minReplicas is below min_replicas (default 2)",
        .rationale =
            "At night or after a quiet spell the autoscaler goes down to minReplicas; "
            "with one replica the next node drain or crash is an outage, and the "
            "first burst of traffic waits for new pods to start. minReplicas defaults "
            "to 1 when unset.",
        .remediation = "Set spec.minReplicas to at least min_replicas.",
        .failing_example = "spec:\n  minReplicas: 1\n  maxReplicas: 10",
        .passing_example = "spec:\n  minReplicas: 2\n  maxReplicas: 10",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsHpa(o)) return;
    auto min = ReadHpaMin(o);
    if (!min || min->value >= ctx.config.min_replicas) return;
    out.Reportf(*this, o, min->node ? min->node : SpecAnchor(o), "spec.minReplicas",
                "HorizontalPodAutoscaler '{}' may scale down to {} replica{}{} (min_replicas is "
                "{})",
                o.name(), min->value, min->value == 1 ? "" : "s",
                min->node ? "" : " (minReplicas defaults to 1)", ctx.config.min_replicas);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HpaMinReplicas)
