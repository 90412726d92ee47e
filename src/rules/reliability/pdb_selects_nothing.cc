// rel-pdb-selects-nothing: a budget that protects no pod.
#include "rules/index.h"
#include "rules/reliability/lib/pdb.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PdbSelectsNothing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-pdb-selects-nothing",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "PodDisruptionBudget selects no pod of the bundle",
        .rationale =
            "A budget whose selector matches no pod protects nothing: usually a label "
            "typo or a renamed app, found only when a drain takes the service down. A "
            "missing selector selects nothing; `{}` selects every pod of the namespace "
            "(policy/v1). Speaks only when the bundle holds the namespace's pods: it "
            "has workloads there and no custom resource whose operator may create "
            "pods (or is declared complete). Labels that controllers add "
            "(pod-template-hash, statefulset.kubernetes.io/pod-name) are taken as "
            "present.",
        .remediation = "Make spec.selector match the workload's pod template labels.",
        .failing_example = "selector:\n  matchLabels: {app: paymnet-api}",
        .passing_example = "selector:\n  matchLabels: {app: payment-api}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsPdb(o) || !ctx.index.Selected(o).empty()) return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.PodsKnown(ns)) return;
    const doc::Node* sel = o.spec() ? o.spec()->Get("selector") : nullptr;
    if (!sel || sel->IsNull()) {
      out.Reportf(*this, o, SpecAnchor(o), "spec.selector",
                  "PodDisruptionBudget '{}' has no selector and therefore selects no pods",
                  o.name());
      return;
    }
    out.Reportf(*this, o, sel, "spec.selector",
                "PodDisruptionBudget '{}' selects no pod in namespace '{}'", o.name(),
                Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PdbSelectsNothing)
