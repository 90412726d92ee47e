// pss-proc-mount: Pod Security Standards control `procMount`, evaluated as Pod Security Admission
// does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssProcMount final : public pss::PssRule {
 public:
  PssProcMount() : PssRule(pss::Control::kProcMount) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-proc-mount",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "container unmasks /proc (PSS baseline)",
        .rationale =
            "procMount: Unmasked exposes the kernel's /proc paths the runtime masks by default; "
            "Pod Security Admission rejects it at baseline. From policy version v1.35 baseline "
            "allows it for pods with hostUsers: false, and at restricted the control is replaced "
            "by pss-proc-mount-restricted; before v1.35 this control covers both levels.",
        .remediation = "Remove securityContext.procMount or set it to Default.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  procMount: Unmasked",
        .passing_example = "securityContext:\n  procMount: Default",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssProcMount)
