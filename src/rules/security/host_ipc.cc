// sec-host-ipc: hostIPC removes the boundary between the pod and the node.
#include "rules/security/lib/host_namespace_rule.h"

namespace gori::rules {
namespace {

class HostIpc final : public HostNamespaceRule {
 public:
  HostIpc()
      : HostNamespaceRule(
            "hostIPC",
            {
                .id = "sec-host-ipc",
                .family = Family::kSecurity,
                .severity = Severity::kHigh,
                .summary = "pod shares the node's ipc namespace (hostIPC)",
                .rationale =
                    "Sharing a host namespace removes the isolation between the pod and the node "
                    "(and every other pod on it).",
                .remediation = "Remove spec.hostIPC (or set it to false).",
                .failing_example = "spec:\n  hostIPC: true",
                .passing_example = "spec:\n  hostIPC: false",
            }) {}
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HostIpc)
