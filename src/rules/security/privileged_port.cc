// sec-privileged-port: ports below 1024 need root or NET_BIND_SERVICE.
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/container_ports.h"

namespace gori::rules {
namespace {

class PrivilegedPort final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-privileged-port",
        .family = Family::kSecurity,
        .severity = Severity::kLow,
        .summary = "a container listens on a port below 1024",
        .rationale =
            "Binding a port below 1024 needs root or CAP_NET_BIND_SERVICE, which pushes "
            "images towards running as root; a Service can map port 80 to an "
            "unprivileged targetPort instead.",
        .remediation =
            "Listen on a port ≥ 1024 (e.g. 8080) and map it in the Service "
            "(port: 80, targetPort: 8080).",
        .enabled_by_default = false,
        .failing_example = "ports:\n- containerPort: 80",
        .passing_example = "ports:\n- containerPort: 8080",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    ForEachPortField(*o.pod(), "containerPort", [&](const PortField& p) {
      if (p.value <= 0 || p.value >= 1024) return;
      ForContainer(
          out.Reportf(*this, o, p.node, p.path, "container '{}' listens on privileged port {}",
                      p.container.name, p.value),
          p.container);
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PrivilegedPort)
