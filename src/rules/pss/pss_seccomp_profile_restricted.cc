// pss-seccomp-profile-restricted: Pod Security Standards control `seccompProfile_restricted`,
// evaluated as Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss
// or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssSeccompProfileRestricted final : public pss::PssRule {
 public:
  PssSeccompProfileRestricted() : PssRule(pss::Control::kSeccompProfileRestricted) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-seccomp-profile-restricted",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary =
            "pod or container does not run with RuntimeDefault or Localhost seccomp (PSS "
            "restricted)",
        .rationale =
            "Restricted requires every container to end up with a seccomp profile (its own or the "
            "pod's) of type RuntimeDefault or Localhost, from v1.19 (Windows pods exempt from "
            "v1.25).",
        .remediation =
            "Set spec.securityContext.seccompProfile.type: RuntimeDefault (or per container).",
        .enabled_by_default = false,
        .failing_example = "securityContext: {}",
        .passing_example = "securityContext:\n  seccompProfile: {type: RuntimeDefault}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssSeccompProfileRestricted)
