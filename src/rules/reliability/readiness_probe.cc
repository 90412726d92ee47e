// rel-readiness-probe: long-running containers need a readinessProbe.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ReadinessProbe final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-readiness-probe",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "long-running container without readinessProbe",
        .rationale =
            "Without a readiness probe a pod receives traffic as soon as its process starts, "
            "before it can serve, and keeps receiving it when it cannot; every rollout and restart "
            "drops requests. High when a Service in the bundle selects the pod.",
        .remediation =
            "Add a readinessProbe that checks the process can serve (e.g. an HTTP /ready "
            "endpoint).",
        .failing_example = "containers:\n- name: api\n  image: api:1.0",
        .passing_example =
            "containers:\n- name: api\n  image: api:1.0\n  readinessProbe:\n    httpGet: {path: "
            "/ready, port: 8080}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod() || !RunsLongLived(o)) return;
    const k8s::PodSpec& pod = *o.pod();
    // A pod behind a Service drops requests during every rollout without readiness.
    bool served = !ctx.index.ServicesSelecting(o).empty();
    for (const auto& c : pod.containers) {
      if (c.kind != k8s::ContainerKind::kRegular) continue;
      const doc::Node* p = c.Get("readinessProbe");
      if (p && !p->IsNull()) continue;
      Finding& f = out.Reportf(*this, o, c.node, c.Path(pod.spec_path),
                               "container '{}' has no readinessProbe", c.name);
      f.container = std::string(c.name);
      if (served) {
        f.severity = Severity::kHigh;
        f.message += " and a Service sends it traffic";
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ReadinessProbe)
