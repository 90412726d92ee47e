// meta-default-namespace: workloads deliberately placed in `default`.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class DefaultNamespace final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-default-namespace",
        .family = Family::kMeta,
        .severity = Severity::kLow,
        .summary = "workload sets namespace: default",
        .rationale =
            "The default namespace has no owner, quota or policies of its own, and "
            "everything that forgets a namespace lands there too, so workloads in it "
            "share permissions and network reach with strays. Only an explicit "
            "`namespace: default` is reported: manifests without a namespace (Helm "
            "charts, kustomize bases) get one at apply time.",
        .remediation =
            "Deploy into a namespace owned by the team, with its quota and "
            "NetworkPolicies.",
        .failing_example = "metadata:\n  name: api\n  namespace: default",
        .passing_example = "metadata:\n  name: api\n  namespace: payments",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || o.namespace_() != "default") return;
    out.Reportf(*this, o, o.metadata()->Get("namespace"), "metadata.namespace",
                "{} '{}' is deployed into the default namespace", o.kind(), o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DefaultNamespace)
