// sec-host-network: hostNetwork removes the boundary between the pod and the node.
#include "rules/security/lib/host_namespace_rule.h"

namespace gori::rules {
namespace {

class HostNetwork final : public HostNamespaceRule {
 public:
  HostNetwork()
      : HostNamespaceRule(
            "hostNetwork",
            {
                .id = "sec-host-network",
                .family = Family::kSecurity,
                .severity = Severity::kHigh,
                .summary = "pod shares the node's network namespace (hostNetwork)",
                .rationale =
                    "Sharing a host namespace removes the isolation between the pod and the node "
                    "(and every other pod on it) : it sees and binds the node interfaces.",
                .remediation = "Remove spec.hostNetwork (or set it to false).",
                .failing_example = "spec:\n  hostNetwork: true",
                .passing_example = "spec:\n  hostNetwork: false",
            }) {}
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HostNetwork)
