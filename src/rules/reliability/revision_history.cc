// rel-revision-history: revisionHistoryLimit 0 removes the rollback target.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class RevisionHistory final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-revision-history",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "revisionHistoryLimit: 0",
        .rationale =
            "With no old ReplicaSets or ControllerRevisions kept, `kubectl rollout "
            "undo` has nothing to go back to: a bad release can only be fixed by "
            "re-deploying the previous manifest.",
        .remediation = "Remove revisionHistoryLimit (default 10) or keep at least a few (3).",
        .failing_example = "spec:\n  revisionHistoryLimit: 0",
        .passing_example = "spec:\n  revisionHistoryLimit: 3",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || !o.spec()) return;
    const doc::Node* r = o.spec()->Get("revisionHistoryLimit");
    if (!r || r->AsInt() != 0) return;
    out.Reportf(*this, o, r, "spec.revisionHistoryLimit",
                "{} '{}' keeps no revision history; rollbacks are impossible", o.kind(), o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RevisionHistory)
