// pss-capabilities-baseline: Pod Security Standards control `capabilities_baseline`, evaluated as
// Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssCapabilitiesBaseline final : public pss::PssRule {
 public:
  PssCapabilitiesBaseline() : PssRule(pss::Control::kCapabilitiesBaseline) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-capabilities-baseline",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "container adds a capability outside the default set (PSS baseline)",
        .rationale =
            "Capabilities beyond the container runtime's default set (e.g. NET_ADMIN, SYS_ADMIN) "
            "widen what a compromised process can do to the node; Pod Security Admission rejects "
            "them at baseline (restricted allows only NET_BIND_SERVICE).",
        .remediation =
            "Add only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, "
            "NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID or SYS_CHROOT in "
            "securityContext.capabilities.add.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  capabilities: {add: [NET_ADMIN]}",
        .passing_example = "securityContext:\n  capabilities: {add: [NET_BIND_SERVICE]}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssCapabilitiesBaseline)
