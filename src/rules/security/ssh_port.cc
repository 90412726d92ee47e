// sec-ssh-port: an SSH server in a container is a second, unmanaged way in.
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/container_ports.h"

namespace gori::rules {
namespace {

class SshPort final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-ssh-port",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "a container exposes port 22 (SSH)",
        .rationale =
            "An SSH daemon in a container bypasses Kubernetes' authentication, audit "
            "log and RBAC (kubectl exec is the audited way in) and usually means "
            "long-lived keys baked into an image.",
        .remediation = "Remove the SSH server; use kubectl exec or ephemeral debug containers.",
        .failing_example = "ports:\n- containerPort: 22",
        .passing_example = "ports:\n- containerPort: 8080",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    ForEachPortField(*o.pod(), "containerPort", [&](const PortField& p) {
      if (p.value != 22) return;
      ForContainer(out.Reportf(*this, o, p.node, p.path, "container '{}' exposes SSH port 22",
                               p.container.name),
                   p.container);
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SshPort)
