// sec-runtime-socket: the container runtime socket is root on the node.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/host_paths.h"

namespace gori::rules {
namespace {

class RuntimeSocket final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-runtime-socket",
        .family = Family::kSecurity,
        .severity = Severity::kCritical,
        .summary = "hostPath mounts the docker, containerd or cri-o socket",
        .rationale =
            "Whoever can talk to the container runtime can start a privileged "
            "container with the host's filesystem: the socket is root on the node, "
            "read-only mount or not.",
        .remediation =
            "Do not mount runtime sockets. Build images with a rootless builder "
            "(BuildKit rootless, kaniko) and read container state through the "
            "Kubernetes API.",
        .failing_example = "volumes:\n- name: docker\n  hostPath: {path: /var/run/docker.sock}",
        .passing_example = "volumes:\n- name: work\n  emptyDir: {}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    for (const HostPathVolume& v : HostPathVolumes(*o.pod())) {
      if (!IsRuntimeSocket(v.path)) continue;
      out.Reportf(*this, o, v.path_node ? v.path_node : v.host_path,
                  fmt::format("{}.volumes[{}].hostPath.path", o.pod()->spec_path, v.index),
                  "volume '{}' mounts the container runtime socket '{}'", v.name, v.path);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RuntimeSocket)
