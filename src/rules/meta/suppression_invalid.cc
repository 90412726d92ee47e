// meta-suppression-invalid: a gori.io/ignore annotation that suppresses nothing.
#include "rules/config.h"
#include "rules/rule.h"
#include "rules/suppression.h"

namespace gori::rules {
namespace {

class SuppressionInvalid final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-suppression-invalid",
        .family = Family::kMeta,
        .severity = Severity::kMedium,
        .summary =
            "a gori.io/ignore annotation without a reason, with a malformed date, or for "
            "an unknown rule",
        .rationale =
            "A suppression must say why the finding is accepted, so that reviewers and "
            "auditors can judge it; one without a reason does not suppress. Nor does "
            "one naming a rule gori does not have (usually a typo) or with an `until=` "
            "date that is not YYYY-MM-DD. Reported so the author learns the finding "
            "is still live.",
        .remediation =
            "Write `gori.io/ignore.<rule-id>: \"<why this is acceptable>\"`, "
            "optionally `; until=YYYY-MM-DD`.",
        .failing_example = "annotations:\n  gori.io/ignore.sec-run-as-root: \"\"",
        .passing_example =
            "annotations:\n  gori.io/ignore.sec-run-as-root: \"vendor image, "
            "ticket SEC-142; until=2026-06-30\"",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.annotations() && !(o.pod() && o.pod()->annotations())) return;
    for (const IgnoreAnnotation& a : IgnoreAnnotations(o, Today(ctx.config))) {
      if (a.problem.empty()) continue;
      out.Reportf(*this, o, a.key, a.path, "annotation '{}' {} and suppresses nothing",
                  a.key->text(), a.problem);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SuppressionInvalid)
