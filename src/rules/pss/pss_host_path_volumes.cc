// pss-host-path-volumes: Pod Security Standards control `hostPathVolumes`, evaluated as Pod
// Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssHostPathVolumes final : public pss::PssRule {
 public:
  PssHostPathVolumes() : PssRule(pss::Control::kHostPathVolumes) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-host-path-volumes",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod mounts a hostPath volume (PSS baseline)",
        .rationale =
            "hostPath volumes expose the node's filesystem to the pod; Pod Security Admission "
            "rejects them at baseline and restricted.",
        .remediation =
            "Use emptyDir, a PersistentVolumeClaim, a projected volume or a CSI driver instead.",
        .enabled_by_default = false,
        .failing_example = "volumes:\n- name: logs\n  hostPath: {path: /var/log}",
        .passing_example = "volumes:\n- name: scratch\n  emptyDir: {}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssHostPathVolumes)
