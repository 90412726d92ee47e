// pss-run-as-user: Pod Security Standards control `runAsUser`, evaluated as Pod Security Admission
// does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssRunAsUser final : public pss::PssRule {
 public:
  PssRunAsUser() : PssRule(pss::Control::kRunAsUser) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-run-as-user",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod or container sets runAsUser: 0 (PSS restricted)",
        .rationale =
            "UID 0 in the container is root on the node after an escape; Pod Security Admission "
            "rejects runAsUser: 0 at restricted from v1.23. From v1.35 a pod with hostUsers: "
            "false (its own user namespace) is exempt; before v1.35 it is not.",
        .remediation = "Set a non-zero runAsUser (or leave it unset and set runAsNonRoot: true).",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  runAsUser: 0",
        .passing_example = "securityContext:\n  runAsUser: 10001",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssRunAsUser)
