// sec-sensitive-host-path: some host directories are the node.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/host_paths.h"

namespace gori::rules {
namespace {

std::string_view SensitiveDir(std::string_view path) {
  if (path == "/") return "/";
  static constexpr std::string_view kDirs[] = {
      "/etc",
      "/proc",
      "/sys",
      "/root",
      "/boot",
      "/dev",
      "/var/lib/kubelet",
      "/var/lib/docker",
      "/var/lib/containerd",
      "/var/lib/etcd",
      "/var/run",
      "/run",
      "/home",
      "/usr",
      "/bin",
      "/sbin",
      "/lib",
      "/var/lib/cni",
      "/opt/cni",
  };
  for (std::string_view d : kDirs) {
    if (IsUnder(path, d)) return d;
  }
  return {};
}

class SensitiveHostPath final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-sensitive-host-path",
        .family = Family::kSecurity,
        .severity = Severity::kCritical,
        .summary =
            "hostPath mounts /, /etc, /proc, /sys, /root, /var/lib/kubelet, /var/run or "
            "another system directory",
        .rationale =
            "These directories hold the node's credentials (kubelet, etcd, root's "
            "keys), its configuration and its kernel interfaces; a pod that mounts them "
            "can take over the node. Paths are normalised first (/var/run/../etc is "
            "/etc). Runtime sockets are sec-runtime-socket's finding.",
        .remediation =
            "Do not mount system directories. Read what you need through the "
            "Kubernetes API, the downward API or a dedicated, narrow path.",
        .failing_example = "volumes:\n- name: etc\n  hostPath: {path: /etc}",
        .passing_example = "volumes:\n- name: cache\n  emptyDir: {}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    for (const HostPathVolume& v : HostPathVolumes(*o.pod())) {
      if (IsRuntimeSocket(v.path)) continue;
      std::string_view dir = SensitiveDir(v.path);
      if (dir.empty()) continue;
      out.Reportf(*this, o, v.path_node ? v.path_node : v.host_path,
                  fmt::format("{}.volumes[{}].hostPath.path", o.pod()->spec_path, v.index),
                  "volume '{}' mounts host path '{}'{}", v.name, v.path,
                  dir == v.path ? std::string() : fmt::format(" (under {})", dir));
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SensitiveHostPath)
