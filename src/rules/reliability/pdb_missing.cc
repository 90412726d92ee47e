// rel-pdb-missing: without a PDB a node drain may take every replica at once.
#include "rules/index.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PdbMissing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-pdb-missing",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "a multi-replica Deployment or StatefulSet has no PodDisruptionBudget",
        .rationale =
            "Node drains (upgrades, autoscaler scale-down) evict pods without regard "
            "for the service unless a PodDisruptionBudget limits how many may be down "
            "at once; replicas spread over few nodes can all go together. Speaks only "
            "when the bundle can know: it defines PodDisruptionBudgets or the "
            "Namespace object for that namespace (or is declared complete). Covers "
            "Argo Rollouts and OpenKruise CloneSets too.",
        .remediation =
            "Add a PodDisruptionBudget selecting the pods with maxUnavailable: 1 (or "
            "a percentage).",
        .failing_example =
            "kind: Deployment\nspec:\n  replicas: 3\n# no PodDisruptionBudget "
            "selects its pods",
        .passing_example =
            "kind: PodDisruptionBudget\nspec:\n  maxUnavailable: 1\n  selector:\n "
            "   matchLabels: {app: payment-api}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsRolledOut(o)) return;
    auto max = MaxReplicaCount(ctx, o);
    if (!max || *max < 2) return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.PdbsSelecting(o).empty()) return;
    if (!ctx.index.Covers("PodDisruptionBudget", ns)) return;
    out.Reportf(*this, o, NameAnchor(o), "metadata.name",
                "{} '{}' runs up to {} replicas and no PodDisruptionBudget selects its pods",
                o.kind(), o.name(), *max);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PdbMissing)
