// rel-selector-mismatch: a controller whose selector does not match its own pods.
#include "k8s/selector.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class SelectorMismatch final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-selector-mismatch",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary = "a workload's selector does not match its pod template labels",
        .rationale =
            "The API server rejects a Deployment, StatefulSet, DaemonSet or ReplicaSet "
            "whose selector does not match its template; for kinds it does not check "
            "(CRDs such as Argo Rollouts, manual Job selectors) the controller never "
            "sees its own pods and keeps creating new ones. Compared exactly, as the "
            "API server does.",
        .remediation =
            "Make spec.selector.matchLabels a subset of "
            "spec.template.metadata.labels.",
        .failing_example =
            "selector:\n  matchLabels: {app: api}\ntemplate:\n  metadata:\n    "
            "labels: {app: payment-api}",
        .passing_example =
            "selector:\n  matchLabels: {app: api}\ntemplate:\n  metadata:\n    "
            "labels: {app: api, version: v2}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || !o.spec()) return;
    const doc::Node* sel = o.spec()->Get("selector");
    if (!sel || sel->IsNull()) return;
    std::string_view k = o.kind();
    bool builtin = IsBuiltinGroup(o.group());
    std::optional<k8s::Selector> s;
    if (builtin && k == "ReplicationController") {
      s = k8s::Selector::FromMap(sel, true);
    } else if ((builtin && (k == "Deployment" || k == "StatefulSet" || k == "DaemonSet" ||
                            k == "ReplicaSet")) ||
               (builtin && k == "Job" && IsTrue(o.spec()->Get("manualSelector"))) ||
               (k == "Rollout" && o.group() == "argoproj.io") ||
               (k == "CloneSet" && o.group() == "apps.kruise.io")) {
      auto parsed = k8s::Selector::FromLabelSelector(sel, false);
      if (!parsed) return;
      s = *parsed;
    } else {
      return;
    }
    if (s->Matches(o.pod()->labels())) return;
    out.Reportf(*this, o, sel, "spec.selector",
                "{} '{}' selector does not match its pod template labels", k, o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SelectorMismatch)
