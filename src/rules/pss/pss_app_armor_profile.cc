// pss-app-armor-profile: Pod Security Standards control `appArmorProfile`, evaluated as Pod
// Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssAppArmorProfile final : public pss::PssRule {
 public:
  PssAppArmorProfile() : PssRule(pss::Control::kAppArmorProfile) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-app-armor-profile",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod or container overrides AppArmor with a disallowed profile (PSS baseline)",
        .rationale =
            "Running unconfined (or with an unknown profile) removes the AppArmor confinement the "
            "runtime applies by default; Pod Security Admission allows only RuntimeDefault and "
            "Localhost profiles, in the securityContext field and in the beta annotations.",
        .remediation =
            "Set securityContext.appArmorProfile.type to RuntimeDefault or Localhost, or remove "
            "it; annotations container.apparmor.security.beta.kubernetes.io/* may only say "
            "runtime/default or localhost/<profile>.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  appArmorProfile: {type: Unconfined}",
        .passing_example = "securityContext:\n  appArmorProfile: {type: RuntimeDefault}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssAppArmorProfile)
