// pss-seccomp-profile-baseline: Pod Security Standards control `seccompProfile_baseline`, evaluated
// as Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssSeccompProfileBaseline final : public pss::PssRule {
 public:
  PssSeccompProfileBaseline() : PssRule(pss::Control::kSeccompProfileBaseline) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-seccomp-profile-baseline",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary =
            "pod or container runs with an unconfined or unknown seccomp profile (PSS baseline)",
        .rationale =
            "Unconfined seccomp lets the container make every system call; Pod Security Admission "
            "rejects it at baseline (through the alpha annotations before v1.19, through "
            "securityContext.seccompProfile from v1.19).",
        .remediation =
            "Set securityContext.seccompProfile.type to RuntimeDefault or Localhost (or leave it "
            "unset).",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  seccompProfile: {type: Unconfined}",
        .passing_example = "securityContext:\n  seccompProfile: {type: RuntimeDefault}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssSeccompProfileBaseline)
