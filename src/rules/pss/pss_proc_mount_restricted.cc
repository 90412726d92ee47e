// pss-proc-mount-restricted: Pod Security Standards control `procMount_restricted`, evaluated as
// Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssProcMountRestricted final : public pss::PssRule {
 public:
  PssProcMountRestricted() : PssRule(pss::Control::kProcMountRestricted) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-proc-mount-restricted",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "container unmasks /proc, even with hostUsers: false (PSS restricted)",
        .rationale =
            "Exists from policy version v1.35 (before, pss-proc-mount covers restricted too): "
            "baseline then allows an unmasked /proc for pods in a user namespace (hostUsers: "
            "false), while restricted keeps requiring the default /proc masks for every pod.",
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
GORI_REGISTER_RULE(gori::rules::PssProcMountRestricted)
