// rel-rollout-strategy: rollouts that cannot progress or that take the service down.
#include "rules/index.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class RolloutStrategy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-rollout-strategy",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary =
            "maxUnavailable and maxSurge both 0, or Recreate for a Deployment behind a "
            "Service",
        .rationale =
            "With maxSurge and maxUnavailable both 0 a rolling update can neither add "
            "nor remove a pod (the API rejects it). Recreate stops every pod before "
            "starting new ones: a Service-backed Deployment is down for the whole "
            "rollout. Defaults (25 %/25 %) are applied; Recreate is reported only when a "
            "Service in the bundle selects the Deployment.",
        .remediation =
            "Use RollingUpdate with maxUnavailable: 0 and maxSurge: 1 (or 25 %) for "
            "serving workloads.",
        .failing_example = "strategy:\n  type: Recreate",
        .passing_example =
            "strategy:\n  type: RollingUpdate\n  rollingUpdate: {maxSurge: 1, "
            "maxUnavailable: 0}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Deployment") || !o.spec()) return;
    const doc::Node* strategy = o.spec()->Get("strategy");
    const doc::Node* type = strategy ? strategy->Get("type") : nullptr;
    if (Text(type) == "Recreate") {
      const auto& services = ctx.index.ServicesSelecting(o);
      if (services.empty()) return;
      out.Reportf(*this, o, type, "spec.strategy.type",
                  "Deployment '{}' uses the Recreate strategy although Service '{}' sends it "
                  "traffic; every rollout is an outage",
                  o.name(), services.front()->name());
      return;
    }
    const doc::Node* ru = strategy ? strategy->Get("rollingUpdate") : nullptr;
    if (!ru) return;
    auto surge = ParseIntOrPercent(ru->Get("maxSurge"));
    auto unavailable = ParseIntOrPercent(ru->Get("maxUnavailable"));
    if (surge && unavailable && surge->IsZero() && unavailable->IsZero()) {
      out.Reportf(*this, o, ru, "spec.strategy.rollingUpdate",
                  "Deployment '{}' sets maxSurge and maxUnavailable to 0; the rollout cannot "
                  "progress",
                  o.name());
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RolloutStrategy)
