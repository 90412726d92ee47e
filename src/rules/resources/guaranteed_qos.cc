// res-guaranteed-qos: pods are evicted last only when requests equal limits.
#include <string>

#include "k8s/quantity.h"
#include "rules/pod_util.h"
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class GuaranteedQos final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-guaranteed-qos",
        .family = Family::kResources,
        .severity = Severity::kInfo,
        .summary =
            "container's requests differ from its limits (pod not in the Guaranteed QoS "
            "class)",
        .rationale =
            "Only pods whose every container has cpu and memory requests equal to "
            "limits are Guaranteed: evicted last under node pressure and eligible for "
            "exclusive CPUs. Opt-in, for latency-critical tiers. A limit without a "
            "request counts as equal (the request defaults to it).",
        .remediation = "Set requests equal to limits for cpu and memory on every container.",
        .enabled_by_default = false,
        .failing_example =
            "resources:\n  requests: {cpu: 250m, memory: 256Mi}\n  limits: "
            "{memory: 512Mi}",
        .passing_example =
            "resources:\n  requests: {cpu: 500m, memory: 512Mi}\n  limits: {cpu: "
            "500m, memory: 512Mi}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      if (c.kind == k8s::ContainerKind::kEphemeral) continue;
      std::string why;
      for (std::string_view name : {"cpu", "memory"}) {
        const doc::Node* lim = ContainerResource(c, "limits", name);
        const doc::Node* req = EffectiveRequest(c, name);
        if (!lim) {
          why = std::string(name) + " has no limit";
        } else if (req) {
          auto l = k8s::ParseQuantity(lim->text());
          auto r = k8s::ParseQuantity(req->text());
          if (l && r && !(*l == *r)) {
            why =
                fmt::format("{} request {} differs from limit {}", name, req->text(), lim->text());
          }
        }
        if (!why.empty()) break;
      }
      if (why.empty()) continue;
      const doc::Node* res = c.Get("resources");
      ForContainer(
          out.Reportf(*this, o, FirstMap({res}, c.node), c.Path(pod.spec_path) + ".resources",
                      "container '{}' is not Guaranteed QoS: {}", c.name, why),
          c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::GuaranteedQos)
