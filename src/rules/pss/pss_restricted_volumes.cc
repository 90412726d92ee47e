// pss-restricted-volumes: Pod Security Standards control `restrictedVolumes`, evaluated as Pod
// Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the
// Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssRestrictedVolumes final : public pss::PssRule {
 public:
  PssRestrictedVolumes() : PssRule(pss::Control::kRestrictedVolumes) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-restricted-volumes",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod uses a volume type outside the restricted set (PSS restricted)",
        .rationale =
            "Restricted allows only volume types that do not reach node or network storage "
            "directly (configMap, csi, downwardAPI, emptyDir, ephemeral, image, "
            "persistentVolumeClaim, projected, secret).",
        .remediation =
            "Replace the volume with one of the allowed types, e.g. a PersistentVolumeClaim for "
            "network storage.",
        .enabled_by_default = false,
        .failing_example = "volumes:\n- name: data\n  nfs: {server: nfs.example, path: /data}",
        .passing_example = "volumes:\n- name: data\n  persistentVolumeClaim: {claimName: data}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssRestrictedVolumes)
