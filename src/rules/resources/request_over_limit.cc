// res-request-over-limit: the API server rejects a request above its limit.
#include <fmt/format.h>

#include "k8s/quantity.h"
#include "rules/pod_util.h"
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class RequestOverLimit final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-request-over-limit",
        .family = Family::kResources,
        .severity = Severity::kHigh,
        .summary = "a resource request is larger than its limit",
        .rationale =
            "The API server rejects a container whose request exceeds its limit, so "
            "the workload never gets created (or its rollout stalls). Often a unit "
            "slip: request 1Gi, limit 1G (which is smaller).",
        .remediation = "Make the request at most the limit (equal for Guaranteed QoS).",
        .failing_example = "resources:\n  requests: {memory: 1Gi}\n  limits: {memory: 1G}",
        .passing_example = "resources:\n  requests: {memory: 1Gi}\n  limits: {memory: 1Gi}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* res = c.Get("resources");
      const doc::Node* requests = res ? res->Get("requests") : nullptr;
      const doc::Node* limits = res ? res->Get("limits") : nullptr;
      if (!requests || !limits) continue;
      for (const doc::Pair& p : requests->pairs()) {
        const doc::Node* lim = limits->Get(p.key->text());
        if (!lim || !lim->IsScalar() || !p.value->IsScalar()) continue;
        auto rq = k8s::ParseQuantity(p.value->text());
        auto lq = k8s::ParseQuantity(lim->text());
        if (!rq || !lq || !(*lq < *rq)) continue;
        ForContainer(out.Reportf(*this, o, p.value,
                                 fmt::format("{}.resources.requests.{}", c.Path(pod.spec_path),
                                             p.key->text()),
                                 "container '{}' requests {} {} but its limit is {}", c.name,
                                 p.value->text(), p.key->text(), lim->text()),
                     c);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RequestOverLimit)
