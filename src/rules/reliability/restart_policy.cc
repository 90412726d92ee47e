// rel-restart-policy: restart policies the controller does not accept.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsJobLike(const k8s::Object& o) {
  if (IsBuiltinGroup(o.group())) return o.kind() == "Job" || o.kind() == "CronJob";
  return o.kind() == "ScaledJob" && o.group() == "keda.sh";
}

class RestartPolicy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-restart-policy",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary =
            "restartPolicy the controller does not accept (Deployment etc.: Always only; "
            "Job: never Always)",
        .rationale =
            "Controllers of long-running pods only accept restartPolicy Always; Jobs "
            "and CronJobs reject Always, which is also the default when the field is "
            "absent, so a Job template without restartPolicy is refused by the API "
            "server.",
        .remediation =
            "Deployments, StatefulSets, DaemonSets: omit restartPolicy or set "
            "Always. Jobs and CronJobs: set OnFailure or Never explicitly.",
        .failing_example = "kind: Job\nspec:\n  template:\n    spec:\n      containers: [...]",
        .passing_example =
            "kind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: "
            "OnFailure",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsBuiltinKind(o, "Pod") || o.kind() == "PodTemplate") return;
    const k8s::PodSpec& pod = *o.pod();
    const doc::Node* rp = pod.Get("restartPolicy");
    std::string_view v = Text(rp);
    std::string path = pod.spec_path + ".restartPolicy";
    if (IsJobLike(o)) {
      if (v == "OnFailure" || v == "Never") return;
      if (v.empty()) {
        out.Reportf(*this, o, pod.spec, pod.spec_path,
                    "{} '{}' pod template sets no restartPolicy; it defaults to Always, which "
                    "Jobs reject",
                    o.kind(), o.name());
      } else {
        out.Reportf(*this, o, rp, path,
                    "{} '{}' uses restartPolicy {}; Jobs accept only "
                    "OnFailure or Never",
                    o.kind(), o.name(), v);
      }
      return;
    }
    if (!RunsLongLived(o) || v.empty() || v == "Always") return;
    out.Reportf(*this, o, rp, path, "{} '{}' uses restartPolicy {}; it accepts only Always",
                o.kind(), o.name(), v);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RestartPolicy)
