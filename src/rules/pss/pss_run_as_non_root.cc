// pss-run-as-non-root: Pod Security Standards control `runAsNonRoot`, evaluated as Pod Security
// Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA
// labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssRunAsNonRoot final : public pss::PssRule {
 public:
  PssRunAsNonRoot() : PssRule(pss::Control::kRunAsNonRoot) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-run-as-non-root",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod or container does not require a non-root user (PSS restricted)",
        .rationale =
            "Restricted requires runAsNonRoot: true so the kubelet refuses to start a container "
            "whose user is root; a pod-level false fails even when every container says true. "
            "From policy version v1.35 a pod with hostUsers: false (its own user namespace) is "
            "exempt; before v1.35 it is not.",
        .remediation =
            "Set securityContext.runAsNonRoot: true on the pod (or on every container) and never "
            "false.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  runAsNonRoot: false",
        .passing_example = "securityContext:\n  runAsNonRoot: true",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssRunAsNonRoot)
