// rel-pdb-blocks-eviction: a budget of zero disruptions stops every node drain.
#include <optional>

#include "rules/index.h"
#include "rules/reliability/lib/pdb.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Pods the selected owners run at most, when every one of them has a fixed count.
std::optional<int64_t> FixedPodCount(const Context& ctx,
                                     const std::vector<const k8s::Object*>& owners) {
  int64_t total = 0;
  for (const k8s::Object* w : owners) {
    if (IsBuiltinKind(*w, "Pod")) {
      ++total;
      continue;
    }
    if (!ctx.index.HpasTargeting(*w).empty()) return std::nullopt;  // rel-pdb-vs-hpa's case
    auto r = ReplicaCount(*w);
    if (!r) return std::nullopt;
    total += *r;
  }
  return total;
}

class PdbBlocksEviction final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-pdb-blocks-eviction",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary = "PodDisruptionBudget allows zero disruptions",
        .rationale =
            "maxUnavailable: 0 (or 0 %), minAvailable: 100 %, or a minAvailable at "
            "least the number of replicas leaves no pod evictable: node drains hang, "
            "cluster upgrades stall and the autoscaler cannot remove nodes. The "
            "replica comparison needs the selected workloads in the bundle with a "
            "fixed count (autoscaled ones are rel-pdb-vs-hpa's).",
        .remediation =
            "Use maxUnavailable: 1 (or a percentage), and run enough replicas that "
            "one can always be down.",
        .failing_example = "spec:\n  maxUnavailable: 0",
        .passing_example = "spec:\n  maxUnavailable: 1",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsPdb(o) || !o.spec()) return;
    const doc::Node* max_node = o.spec()->Get("maxUnavailable");
    if (auto max = ParseIntOrPercent(max_node); max && max->IsZero()) {
      out.Reportf(*this, o, max_node, "spec.maxUnavailable",
                  "PodDisruptionBudget '{}' sets maxUnavailable: {}; no pod can ever be evicted",
                  o.name(), max_node->text());
      return;
    }
    const doc::Node* min_node = o.spec()->Get("minAvailable");
    auto min = ParseIntOrPercent(min_node);
    if (!min) return;
    if (min->percent && min->value >= 100) {
      out.Reportf(*this, o, min_node, "spec.minAvailable",
                  "PodDisruptionBudget '{}' requires {} of its pods available; no pod can "
                  "ever be evicted",
                  o.name(), min_node->text());
      return;
    }
    const auto& owners = ctx.index.Selected(o);
    if (owners.empty()) return;
    auto pods = FixedPodCount(ctx, owners);
    if (!pods || *pods <= 0) return;
    if (min->percent) {
      // The disruption controller rounds a percentage of pods up: 90 % of 3 is 3.
      int64_t required = (static_cast<int64_t>(*pods) * min->value + 99) / 100;
      if (required < *pods) return;
      out.Reportf(*this, o, min_node, "spec.minAvailable",
                  "PodDisruptionBudget '{}' requires {} of {} pods available, rounded up to {}; "
                  "no pod can be evicted",
                  o.name(), min_node->text(), *pods, required);
      return;
    }
    if (min->value < *pods) return;
    out.Reportf(*this, o, min_node, "spec.minAvailable",
                "PodDisruptionBudget '{}' requires {} pods available but its workloads run {}; "
                "no pod can be evicted",
                o.name(), min->value, *pods);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PdbBlocksEviction)
