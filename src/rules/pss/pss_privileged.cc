// pss-privileged: Pod Security Standards control `privileged`, evaluated as Pod Security Admission
// does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssPrivileged final : public pss::PssRule {
 public:
  PssPrivileged() : PssRule(pss::Control::kPrivileged) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-privileged",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "container runs privileged (PSS baseline)",
        .rationale =
            "A privileged container gets every capability and device of the node; Pod Security "
            "Admission rejects it at baseline and restricted.",
        .remediation =
            "Remove securityContext.privileged (or set it to false); add only the capability "
            "needed.",
        .enabled_by_default = false,
        .failing_example = "securityContext:\n  privileged: true",
        .passing_example = "securityContext:\n  privileged: false",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssPrivileged)
