// sec-host-port: hostPort binds the node's network interface.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

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
        .mappings = {"CIS-1.12 5.2.12", "PCI-DSS-4.0 1.3.1"},
        .failing_example = "ports:\n- containerPort: 8080\n  hostPort: 8080",
        .passing_example = "ports:\n- containerPort: 8080",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || IsTrue(o.pod()->Get("hostNetwork"))) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* ports = c.Get("ports");
      if (!ports) continue;
      uint32_t i = 0;
      for (const doc::Node* p : ports->items()) {
        const doc::Node* hp = p->Get("hostPort");
        auto v = hp ? hp->AsInt() : std::nullopt;
        if (v && *v != 0) {
          ForContainer(out.Reportf(*this, o, hp,
                                   fmt::format("{}.ports[{}].hostPort", c.Path(pod.spec_path), i),
                                   "container '{}' binds host port {}", c.name, *v),
                       c);
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(host_port, gori::rules::HostPort)
