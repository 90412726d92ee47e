// sec-host-port: hostPort binds the node's network interface.
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/container_ports.h"

namespace gori::rules {
namespace {

class HostPort final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-host-port",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "a container port sets hostPort",
        .rationale =
            "hostPort exposes the container on the node's own address, around Services "
            "and NetworkPolicies, and limits the pod to one replica per node. With "
            "hostNetwork the API server copies containerPort into hostPort itself; "
            "that case is sec-host-network's finding and is not repeated here.",
        .remediation =
            "Remove hostPort and expose the pod through a Service (NodePort or "
            "LoadBalancer if it must be reachable from outside).",
        .failing_example = "ports:\n- containerPort: 8080\n  hostPort: 8080",
        .passing_example = "ports:\n- containerPort: 8080",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsTrue(o.pod()->Get("hostNetwork"))) return;
    ForEachPortField(*o.pod(), "hostPort", [&](const PortField& p) {
      if (p.value == 0) return;
      ForContainer(out.Reportf(*this, o, p.node, p.path, "container '{}' binds host port {}",
                               p.container.name, p.value),
                   p.container);
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HostPort)
