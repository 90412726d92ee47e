// pss-host-probes-and-host-lifecycle: Pod Security Standards control `hostProbesAndHostLifecycle`,
// evaluated as Pod Security Admission does (rules/pss/lib/controls.h); the policy comes from --pss
// or the Namespace's PSA labels.
#include "rules/pss/lib/control_rule.h"

namespace gori::rules {
namespace {

class PssHostProbesAndHostLifecycle final : public pss::PssRule {
 public:
  PssHostProbesAndHostLifecycle() : PssRule(pss::Control::kHostProbesAndHostLifecycle) {}
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "pss-host-probes-and-host-lifecycle",
        .family = Family::kPss,
        .severity = Severity::kHigh,
        .summary = "probe or lifecycle handler targets another host (PSS baseline)",
        .rationale =
            "A host in httpGet/tcpSocket probes or lifecycle hooks makes the kubelet connect to an "
            "arbitrary address from the node (a server-side request forgery path). The control "
            "exists from policy version v1.34: Pod Security Admission at an earlier version "
            "(or a namespace pinned to one) lets it through.",
        .remediation =
            "Remove httpGet.host and tcpSocket.host from probes and lifecycle handlers (they "
            "default to the pod IP).",
        .enabled_by_default = false,
        .failing_example = "livenessProbe:\n  httpGet: {host: 169.254.169.254, path: /, port: 80}",
        .passing_example = "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}",
    };
    return kInfo;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PssHostProbesAndHostLifecycle)
