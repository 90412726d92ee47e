// pss-capabilities-restricted: Pod Security Standards control `capabilities_restricted`, evaluated
// as Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssCapabilitiesRestricted final : public pss::PssRule {
 public:
  PssCapabilitiesRestricted() : PssRule(pss::Control::kCapabilitiesRestricted) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-capabilities-restricted",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary =
            "container does not drop ALL capabilities or adds more than NET_BIND_SERVICE (PSS "
            "restricted)",
        .rationale =
            "Restricted requires every container to drop ALL capabilities and add back at most "
            "NET_BIND_SERVICE, from v1.22 (Windows pods exempt from v1.25).",
        .remediation =
            "Set securityContext.capabilities.drop: [ALL] and add only NET_BIND_SERVICE if needed.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  capabilities: {add: [CHOWN]}",
        .passing_example =
            "securityContext:\n  capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssCapabilitiesRestricted)
