// rel-job-ttl: finished Jobs and their pods stay forever.
#include "rules/pod_util.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool OwnedByCronJob(const k8s::Object& o) {
  const doc::Node* refs = o.metadata() ? o.metadata()->Get("ownerReferences") : nullptr;
  if (!refs) return false;
  for (const doc::Node* r : refs->items()) {
    if (Text(r->Get("kind")) == "CronJob") return true;
  }
  return false;
}

class JobTtl final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-job-ttl",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "Job without ttlSecondsAfterFinished",
        .rationale =
            "A finished Job and its pods stay in the API until someone deletes them, "
            "slowing list calls and controllers and keeping logs of old runs around "
            "by accident. Jobs created by a CronJob (its history limits clean them "
            "up) and Helm or Argo CD hooks with a delete policy are not reported.",
        .remediation = "Set spec.ttlSecondsAfterFinished (e.g. 86400).",
        .failing_example = "kind: Job\nspec:\n  template: {...}",
        .passing_example = "kind: Job\nspec:\n  ttlSecondsAfterFinished: 86400\n  template: {...}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Job") || OwnedByCronJob(o)) return;
    if (o.Annotation("helm.sh/hook-delete-policy") ||
        o.Annotation("argocd.argoproj.io/hook-delete-policy")) {
      return;
    }
    const doc::Node* ttl = o.spec() ? o.spec()->Get("ttlSecondsAfterFinished") : nullptr;
    if (ttl && !ttl->IsNull()) return;
    out.Reportf(*this, o, SpecAnchor(o), "spec", "Job '{}' sets no ttlSecondsAfterFinished",
                o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::JobTtl)
