// sec-writable-host-path: a writable host directory lets the pod change the node.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/host_paths.h"

namespace gori::rules {
namespace {

class WritableHostPath final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-writable-host-path",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "a hostPath volume is mounted without readOnly: true",
        .rationale =
            "A writable hostPath mount lets the container plant files on the node "
            "(cron jobs, binaries, kubelet configuration) that outlive the pod. "
            "Reported once per container mount; a hostPath volume that no container "
            "mounts is not.",
        .remediation =
            "Mount hostPath volumes with readOnly: true, or replace them with "
            "emptyDir or a PersistentVolumeClaim.",
        .failing_example = "volumeMounts:\n- name: logs\n  mountPath: /host/logs",
        .passing_example =
            "volumeMounts:\n- name: logs\n  mountPath: /host/logs\n  readOnly: "
            "true",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    auto volumes = HostPathVolumes(pod);
    if (volumes.empty()) return;
    for (const auto& c : pod.containers) {
      const doc::Node* mounts = c.Get("volumeMounts");
      if (!mounts) continue;
      uint32_t i = 0;
      for (const doc::Node* m : mounts->items()) {
        std::string_view name = Text(m->Get("name"));
        auto v = std::find_if(volumes.begin(), volumes.end(),
                              [&](const HostPathVolume& h) { return h.name == name; });
        if (v != volumes.end() && !IsTrue(m->Get("readOnly"))) {
          ForContainer(
              out.Reportf(*this, o, m, fmt::format("{}.volumeMounts[{}]", c.Path(pod.spec_path), i),
                          "container '{}' mounts host path '{}' (volume '{}') writable", c.name,
                          v->path, name),
              c);
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::WritableHostPath)
