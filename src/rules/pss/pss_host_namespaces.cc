// pss-host-namespaces: Pod Security Standards control `hostNamespaces`, evaluated as Pod Security
// Admission does (rules/pss/lib/controls.h); the policy comes from --pss or the Namespace's PSA
// labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssHostNamespaces final : public pss::PssRule {
 public:
  PssHostNamespaces() : PssRule(pss::Control::kHostNamespaces) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-host-namespaces",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "pod shares the node's network, PID or IPC namespace (PSS baseline)",
        .rationale =
            "hostNetwork, hostPID and hostIPC give the pod the node's network stack, process table "
            "or shared memory; Pod Security Admission rejects them at baseline and restricted.",
        .remediation =
            "Remove spec.hostNetwork, spec.hostPID and spec.hostIPC (or set them to false).",
        .enabled_by_default = false,
        .failing_example = "spec:\n  hostNetwork: true",
        .passing_example = "spec:\n  hostNetwork: false",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssHostNamespaces)
