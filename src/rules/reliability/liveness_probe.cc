// rel-liveness-probe: long-running containers need a livenessProbe.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class LivenessProbe final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-liveness-probe",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "long-running container without livenessProbe",
        .rationale =
            "Without a liveness probe a deadlocked process keeps its pod Running forever; "
            "Kubernetes only restarts containers that exit.",
        .remediation =
            "Add a livenessProbe that checks the process is alive without depending on other "
            "services.",
        .failing_example = "containers:\n- name: api\n  image: api:1.0",
        .passing_example =
            "containers:\n- name: api\n  image: api:1.0\n  livenessProbe:\n    httpGet: {path: "
            "/healthz, port: 8080}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod() || !RunsLongLived(o)) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      if (c.kind != k8s::ContainerKind::kRegular) continue;
      const doc::Node* p = c.Get("livenessProbe");
      if (p && !p->IsNull()) continue;
      Finding& f = out.Reportf(*this, o, c.node, c.Path(pod.spec_path),
                               "container '{}' has no livenessProbe", c.name);
      f.container = std::string(c.name);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::LivenessProbe)
