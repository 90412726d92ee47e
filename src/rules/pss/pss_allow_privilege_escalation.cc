// pss-allow-privilege-escalation: Pod Security Standards control `allowPrivilegeEscalation`,
// evaluated as Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss
// or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssAllowPrivilegeEscalation final : public pss::PssRule {
 public:
  PssAllowPrivilegeEscalation() : PssRule(pss::Control::kAllowPrivilegeEscalation) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-allow-privilege-escalation",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "container does not set allowPrivilegeEscalation: false (PSS restricted)",
        .rationale =
            "Without allowPrivilegeEscalation: false a process can gain more privileges than its "
            "parent (setuid binaries, file capabilities); Pod Security Admission requires the "
            "explicit false at restricted from v1.8 (Windows pods exempt from v1.25).",
        .remediation = "Set securityContext.allowPrivilegeEscalation: false on every container.",
        .enabled_by_default = false,
        .failing_example = "securityContext: {}",
        .passing_example = "securityContext:\n  allowPrivilegeEscalation: false",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssAllowPrivilegeEscalation)
