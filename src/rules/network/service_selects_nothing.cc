// net-service-selects-nothing: a Service with no endpoints.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ServiceSelectsNothing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-service-selects-nothing",
        .family = Family::kNetwork,
        .severity = Severity::kHigh,
        .summary = "Service selector matches no pod template of its namespace",
        .rationale =
            "A Service whose selector matches no pod has no endpoints: every request "
            "to it fails (connection refused or 503 at the ingress). Services without "
            "a selector (manual Endpoints, ExternalName) target nothing on purpose and "
            "are not reported. Speaks only when the bundle holds the namespace's pods: "
            "it has workloads there and no custom resource whose operator may create "
            "pods (or is declared complete). Labels that controllers add "
            "(statefulset.kubernetes.io/pod-name, ...) are taken as present.",
        .remediation = "Make spec.selector match the workload's pod template labels.",
        .failing_example = "kind: Service\nspec:\n  selector: {app: paymnet-api}",
        .passing_example = "kind: Service\nspec:\n  selector: {app: payment-api}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Service") || !o.spec() || !ctx.index.Selected(o).empty()) return;
    if (Text(o.spec()->Get("type")) == "ExternalName") return;
    const doc::Node* sel = o.spec()->Get("selector");
    if (!sel || !sel->IsMap() || sel->size() == 0) return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.PodsKnown(ns)) return;
    out.Reportf(*this, o, sel, "spec.selector",
                "Service '{}' selects no pod in namespace '{}'; it has no endpoints", o.name(),
                Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ServiceSelectsNothing)
