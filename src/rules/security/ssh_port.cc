// sec-ssh-port: an SSH server in a container is a second, unmanaged way in.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

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
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* ports = c.Get("ports");
      if (!ports) continue;
      uint32_t i = 0;
      for (const doc::Node* p : ports->items()) {
        const doc::Node* cp = p->Get("containerPort");
        if (cp && cp->AsInt() == 22) {
          ForContainer(
              out.Reportf(*this, o, cp,
                          fmt::format("{}.ports[{}].containerPort", c.Path(pod.spec_path), i),
                          "container '{}' exposes SSH port 22", c.name),
              c);
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(ssh_port, gori::rules::SshPort)
