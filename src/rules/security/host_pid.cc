// sec-host-pid: hostPID removes the boundary between the pod and the node.
#include "rules/security/lib/host_namespace_rule.h"

namespace gori::rules {
namespace {

class HostPid final : public HostNamespaceRule {
 public:
  HostPid()
      : HostNamespaceRule(
            "hostPID",
            {
                .id = "sec-host-pid",
                .family = Family::kSecurity,
                .severity = Severity::kHigh,
                .summary = "pod shares the node's pid namespace (hostPID)",
                .rationale =
                    "Sharing a host namespace removes the isolation between the pod and the node "
                    "(and every other pod on it).",
                .remediation = "Remove spec.hostPID (or set it to false).",
                .failing_example = "spec:\n  hostPID: true",
                .passing_example = "spec:\n  hostPID: false",
            }) {}
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HostPid)
