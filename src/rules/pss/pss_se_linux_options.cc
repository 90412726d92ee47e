// pss-se-linux-options: Pod Security Standards control `seLinuxOptions`, evaluated as Pod Security
// Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA
// labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssSeLinuxOptions final : public pss::PssRule {
 public:
  PssSeLinuxOptions() : PssRule(pss::Control::kSeLinuxOptions) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-se-linux-options",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod or container sets a custom SELinux user, role or type (PSS baseline)",
        .rationale =
            "A custom SELinux type, user or role can lift the confinement of the container domain; "
            "Pod Security Admission allows only the container types (container_t, "
            "container_init_t, container_kvm_t, and container_engine_t from v1.31) and no user or "
            "role.",
        .remediation = "Remove seLinuxOptions.user and .role and use an allowed type (or none).",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  seLinuxOptions: {type: spc_t}",
        .passing_example = "securityContext:\n  seLinuxOptions: {level: \"s0:c123,c456\"}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssSeLinuxOptions)
