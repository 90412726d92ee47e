// net-policy-selects-nothing: a NetworkPolicy that isolates no pod.
#include "k8s/selector.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PolicySelectsNothing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-policy-selects-nothing",
        .family = Family::kNetwork,
        .severity = Severity::kLow,
        .summary = "NetworkPolicy podSelector matches no pod of the bundle",
        .rationale =
            "A policy whose podSelector matches nothing protects nothing; usually a "
            "label typo, and the pods it was written for are open. `podSelector: {}` "
            "(every pod of the namespace) is never reported. Speaks only when the "
            "bundle holds the namespace's pods: it has workloads there and no custom "
            "resource whose operator may create pods (or is declared complete).",
        .remediation = "Make podSelector match the pod template labels of the workload.",
        .failing_example = "podSelector:\n  matchLabels: {app: paymnet-api}",
        .passing_example = "podSelector:\n  matchLabels: {app: payment-api}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "NetworkPolicy") || !ctx.index.Selected(o).empty()) return;
    const doc::Node* sel = o.spec() ? o.spec()->Get("podSelector") : nullptr;
    auto s = k8s::Selector::FromLabelSelector(sel, true);
    if (!s || s->SelectsAll()) return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.PodsKnown(ns)) return;
    out.Reportf(*this, o, sel, "spec.podSelector",
                "NetworkPolicy '{}' selects no pod in namespace '{}'", o.name(), Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PolicySelectsNothing)
