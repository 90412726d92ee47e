// rel-hpa-min-equals-max: an autoscaler that cannot scale.
#include "rules/reliability/lib/hpa.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HpaMinEqualsMax final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-hpa-min-equals-max",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "HPA minReplicas equals maxReplicas",
        .rationale =
            "An autoscaler whose bounds are equal never scales; it only hides the "
            "fixed replica count from readers of the Deployment and still takes "
            "spec.replicas away from it.",
        .remediation =
            "Raise maxReplicas to what the service may need at peak, or delete the "
            "HPA and set spec.replicas.",
        .failing_example = "spec:\n  minReplicas: 3\n  maxReplicas: 3",
        .passing_example = "spec:\n  minReplicas: 3\n  maxReplicas: 12",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsHpa(o)) return;
    auto min = ReadHpaMin(o);
    const doc::Node* max = o.spec() ? o.spec()->Get("maxReplicas") : nullptr;
    auto mx = max ? max->AsInt() : std::nullopt;
    if (!min || !mx || min->value != *mx) return;
    out.Reportf(*this, o, max, "spec.maxReplicas",
                "HorizontalPodAutoscaler '{}' has minReplicas = maxReplicas = {}; it cannot scale",
                o.name(), *mx);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HpaMinEqualsMax)
