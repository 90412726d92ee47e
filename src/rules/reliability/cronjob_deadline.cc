// rel-cronjob-deadline: missed schedules pile up without a starting deadline.
#include "rules/pod_util.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CronjobDeadline final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-cronjob-deadline",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "CronJob without startingDeadlineSeconds",
        .rationale =
            "Without a starting deadline a CronJob that missed its schedule (controller "
            "down, cluster upgrade) starts late at an arbitrary time, and after more "
            "than 100 missed schedules it stops being scheduled at all until someone "
            "notices.",
        .remediation =
            "Set spec.startingDeadlineSeconds to how late a run may still start "
            "(e.g. 300 for a settlement batch that must run within five minutes).",
        .failing_example = "kind: CronJob\nspec:\n  schedule: \"0 2 * * *\"",
        .passing_example =
            "kind: CronJob\nspec:\n  schedule: \"0 2 * * *\"\n  "
            "startingDeadlineSeconds: 300",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "CronJob")) return;
    const doc::Node* d = o.spec() ? o.spec()->Get("startingDeadlineSeconds") : nullptr;
    if (d && !d->IsNull()) return;
    out.Reportf(*this, o, SpecAnchor(o), "spec", "CronJob '{}' sets no startingDeadlineSeconds",
                o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CronjobDeadline)
