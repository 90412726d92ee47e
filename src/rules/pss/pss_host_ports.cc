// pss-host-ports: Pod Security Standards control `hostPorts`, evaluated as Pod Security Admission
// does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssHostPorts final : public pss::PssRule {
 public:
  PssHostPorts() : PssRule(pss::Control::kHostPorts) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-host-ports",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "container binds a host port (PSS baseline)",
        .rationale =
            "hostPort opens a port on the node itself, bypassing network policy and limiting "
            "scheduling; Pod Security Admission rejects any hostPort other than 0 at baseline and "
            "restricted.",
        .remediation = "Remove ports[*].hostPort and expose the container through a Service.",
        .enabled_by_default = false,
        .failing_example = "ports:\n- containerPort: 8080\n  hostPort: 8080",
        .passing_example = "ports:\n- containerPort: 8080",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssHostPorts)
