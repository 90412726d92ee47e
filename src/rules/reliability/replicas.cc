// rel-replicas: one replica means every drain is an outage.
#include "rules/config.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class Replicas final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-replicas",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "Deployment or StatefulSet runs fewer than min_replicas and no HPA scales it",
        .rationale =
            "A single replica means every node drain, eviction or crash is an outage. A "
            "workload that an HPA in the bundle scales is left to rel-hpa-min-replicas.",
        .remediation =
            "Set spec.replicas to at least min_replicas (default 2), or scale it with a "
            "HorizontalPodAutoscaler whose minReplicas is at least that.",
        .failing_example = "spec:\n  replicas: 1",
        .passing_example = "spec:\n  replicas: 3",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (o.kind() != "Deployment" && o.kind() != "StatefulSet") return;
    const doc::Node* spec = o.spec();
    if (!spec || !spec->IsMap()) return;
    // An HPA targeting this workload owns its replica count.
    if (!ctx.index.HpasTargeting(o).empty()) return;
    const doc::Node* r = spec->Get("replicas");
    int64_t replicas = 1;
    if (r && !r->IsNull()) {
      auto v = r->AsInt();
      if (!v) return;
      replicas = *v;
    }
    if (replicas == 0) return;  // scaled to zero on purpose
    if (replicas >= ctx.config.min_replicas) return;
    out.Reportf(*this, o, r && !r->IsNull() ? r : spec, "spec.replicas",
                "{} '{}' runs {} replica{}{} (min_replicas is {}) and no HPA scales it", o.kind(),
                o.name(), replicas, replicas == 1 ? "" : "s",
                r && !r->IsNull() ? "" : " by default", ctx.config.min_replicas);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Replicas)
