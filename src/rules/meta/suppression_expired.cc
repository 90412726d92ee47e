// meta-suppression-expired: a gori.io/ignore annotation past its until= date.
#include "rules/config.h"
#include "rules/rule.h"
#include "rules/suppression.h"

namespace gori::rules {
namespace {

class SuppressionExpired final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-suppression-expired",
        .family = Family::kMeta,
        .severity = Severity::kMedium,
        .summary = "a gori.io/ignore annotation whose until= date has passed",
        .rationale =
            "Time-boxed exceptions are how risk acceptances stay honest: after the "
            "date the suppression stops working, the finding it covered is reported "
            "again, and this finding says why, so the owner can fix the issue or "
            "renew the exception deliberately.",
        .remediation =
            "Fix the underlying finding, or renew the exception with a new reason "
            "and date.",
        .failing_example =
            "annotations:\n  gori.io/ignore.sec-run-as-root: \"vendor image; "
            "until=2024-01-31\"",
        .passing_example =
            "annotations:\n  gori.io/ignore.sec-run-as-root: \"vendor image; "
            "until=2099-01-31\"",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.annotations() && !(o.pod() && o.pod()->annotations())) return;
    std::string today = Today(ctx.config);
    for (const IgnoreAnnotation& a : IgnoreAnnotations(o, today)) {
      if (!a.expired) continue;
      out.Reportf(*this, o, a.value, a.path,
                  "suppression '{}' expired on {} (today is {}); its findings are reported again",
                  a.key->text(), a.until, today);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SuppressionExpired)
