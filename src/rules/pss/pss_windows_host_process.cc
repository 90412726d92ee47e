// pss-windows-host-process: Pod Security Standards control `windowsHostProcess`, evaluated as Pod
// Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssWindowsHostProcess final : public pss::PssRule {
 public:
  PssWindowsHostProcess() : PssRule(pss::Control::kWindowsHostProcess) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-windows-host-process",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "Windows pod or container runs as a HostProcess (PSS baseline)",
        .rationale =
            "HostProcess containers run directly on the Windows node with host networking and the "
            "node's privileges; Pod Security Admission rejects them at baseline and restricted.",
        .remediation =
            "Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and "
            "every container.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  windowsOptions: {hostProcess: true}",
        .passing_example = "securityContext:\n  windowsOptions: {runAsUserName: ContainerUser}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssWindowsHostProcess)
