// sec-host-path: hostPath volumes expose the node's filesystem.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HostPath final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-host-path",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "pod mounts a hostPath volume",
        .rationale =
            "hostPath volumes expose the node's filesystem to the pod; they are a common "
            "path to node compromise and tie the pod to one node's disk.",
        .remediation =
            "Use emptyDir, a PersistentVolumeClaim, a projected volume or a CSI driver "
            "instead of hostPath.",
        .failing_example = "volumes:\n- name: host\n  hostPath: {path: /var/log}",
        .passing_example = "volumes:\n- name: scratch\n  emptyDir: {}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod()) return;
    const doc::Node* vols = o.pod()->Get("volumes");
    if (!vols) return;
    uint32_t i = 0;
    for (const doc::Node* v : vols->items()) {
      const doc::Node* hp = v->Get("hostPath");
      if (hp && !hp->IsNull()) {
        const doc::Node* path = hp->Get("path");
        const doc::Node* name = v->Get("name");
        out.Reportf(*this, o, hp, fmt::format("{}.volumes[{}].hostPath", o.pod()->spec_path, i),
                    "volume '{}' mounts host path '{}'", name ? name->text() : "",
                    path ? path->text() : "");
      }
      ++i;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HostPath)
