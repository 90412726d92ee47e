// rel-pdb-vs-hpa: a budget the autoscaler's minimum cannot satisfy.
#include "rules/index.h"
#include "rules/reliability/lib/hpa.h"
#include "rules/reliability/lib/pdb.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PdbVsHpa final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-pdb-vs-hpa",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "PodDisruptionBudget minAvailable ≥ the HPA's minReplicas",
        .rationale =
            "When the autoscaler sits at minReplicas (nights, weekends: exactly when "
            "clusters are upgraded) a minAvailable at or above it allows no eviction, "
            "and node drains hang. Speaks when the PDB selects exactly the pods of one "
            "autoscaled workload in the bundle.",
        .remediation =
            "Use maxUnavailable instead of minAvailable, or keep minAvailable below "
            "the HPA's minReplicas.",
        .failing_example =
            "kind: PodDisruptionBudget\nspec: {minAvailable: 2}\n---\nkind: "
            "HorizontalPodAutoscaler\nspec: {minReplicas: 2, maxReplicas: 10}",
        .passing_example = "kind: PodDisruptionBudget\nspec: {maxUnavailable: 1}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsPdb(o) || !o.spec()) return;
    const doc::Node* min_node = o.spec()->Get("minAvailable");
    auto min = ParseIntOrPercent(min_node);
    if (!min) return;
    const auto& owners = ctx.index.Selected(o);
    if (owners.size() != 1) return;
    const auto& hpas = ctx.index.HpasTargeting(*owners.front());
    if (hpas.empty()) return;
    auto hpa_min = ReadHpaMin(*hpas.front());
    if (!hpa_min || hpa_min->value <= 0) return;
    // A percentage is of the pods running, rounded up: 90 % of an HPA minimum of 3 is 3.
    int64_t required = min->percent ? (hpa_min->value * min->value + 99) / 100 : min->value;
    if (required < hpa_min->value) return;
    std::string what = min->percent ? fmt::format("{} (rounded up: {} of {})", min_node->text(),
                                                  required, hpa_min->value)
                                    : fmt::format("{} pods", min->value);
    out.Reportf(*this, o, min_node, "spec.minAvailable",
                "PodDisruptionBudget '{}' requires {} available but HorizontalPodAutoscaler "
                "'{}' may scale {} '{}' down to {}",
                o.name(), what, hpas.front()->name(), owners.front()->kind(),
                owners.front()->name(), hpa_min->value);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PdbVsHpa)
