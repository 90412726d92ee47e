// pss-sysctls: Pod Security Standards control `sysctls`, evaluated as Pod Security Admission
// does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssSysctls final : public pss::PssRule {
 public:
  PssSysctls() : PssRule(pss::Control::kSysctls) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-sysctls",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod sets a sysctl outside the safe set (PSS baseline)",
        .rationale =
            "Sysctls outside the namespaced safe set can affect the whole node or other pods; Pod "
            "Security Admission allows only the safe list of the policy version.",
        .remediation =
            "Remove the sysctl from spec.securityContext.sysctls, or run the pod where the node is "
            "tuned instead.",
        .enabled_by_default = false,
        .failing_example =
            "securityContext:\n  sysctls: [{name: net.core.somaxconn, value: \"1024\"}]",
        .passing_example =
            "securityContext:\n  sysctls: [{name: net.ipv4.ip_local_port_range, value: \"1024 "
            "65535\"}]",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssSysctls)
