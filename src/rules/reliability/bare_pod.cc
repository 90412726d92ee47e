// rel-bare-pod: a long-running Pod that no controller owns is gone with its node.
#include "rules/config.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class BarePod final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-bare-pod",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "a long-running Pod has no controller",
        .rationale =
            "A Pod created directly is never recreated: when its node fails, is "
            "drained for an upgrade or evicts it under pressure, the service is simply "
            "gone, and nothing rolls out a new version either. Pods that run to "
            "completion (restartPolicy Never or OnFailure), Helm hooks, Pods with "
            "ownerReferences and Pods of system namespaces are not reported.",
        .remediation =
            "Run it as a Deployment (or StatefulSet, DaemonSet) with this pod as its "
            "template; use a Job for work that finishes.",
        .failing_example =
            "kind: Pod\nmetadata: {name: api}\nspec:\n  containers: [{name: api, image: "
            "registry.example/api:1.4.2}]",
        .passing_example =
            "kind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 3\n  template: ...",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Pod") || !RunsLongLived(o)) return;
    const doc::Node* refs = o.metadata() ? o.metadata()->Get("ownerReferences") : nullptr;
    if (refs && refs->size() > 0) return;
    if (o.Annotation("helm.sh/hook")) return;
    if (ctx.config.IsSystemNamespace(Index::Shown(Index::Namespace(o)))) return;
    const doc::Node* name = o.metadata() ? o.metadata()->Get("name") : nullptr;
    out.Reportf(*this, o, name ? name : o.root(), "metadata.name",
                "Pod '{}' runs without a controller: nothing recreates it when its node fails "
                "or is drained",
                o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::BarePod)
