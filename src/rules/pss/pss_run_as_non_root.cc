// pss-run-as-non-root: Pod Security Standards control `runAsNonRoot`, evaluated as Pod Security
// Admission does (rules/pss/pss_util.h); the policy comes from --pss or the Namespace's PSA labels.
#include "rules/pss/rule_util.h"

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
            "whose user is root; a pod-level false fails even when every container says true.",
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
GORI_REGISTER_RULE(pss_run_as_non_root, gori::rules::PssRunAsNonRoot)
