// rel-pdb-no-policy: a PDB without a budget.
#include "rules/reliability/lib/pdb.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PdbNoPolicy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-pdb-no-policy",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "PodDisruptionBudget sets neither minAvailable nor maxUnavailable",
        .rationale =
            "A budget without minAvailable or maxUnavailable does not say how many "
            "pods may be disrupted; its effect depends on API version defaults and "
            "readers cannot tell what was intended.",
        .remediation =
            "Set maxUnavailable (e.g. 1 or \"25%\"), which keeps working as the "
            "replica count changes.",
        .failing_example = "spec:\n  selector:\n    matchLabels: {app: api}",
        .passing_example = "spec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: api}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsPdb(o)) return;
    const doc::Node* spec = o.spec();
    if (spec && ((spec->Get("minAvailable") && !spec->Get("minAvailable")->IsNull()) ||
                 (spec->Get("maxUnavailable") && !spec->Get("maxUnavailable")->IsNull()))) {
      return;
    }
    out.Reportf(*this, o, SpecAnchor(o), "spec",
                "PodDisruptionBudget '{}' sets neither minAvailable nor maxUnavailable", o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PdbNoPolicy)
