// rel-hpa-no-requests: utilization is a percentage of the request.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "rules/index.h"
#include "rules/reliability/lib/hpa.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

struct Need {
  std::string_view resource;   // "cpu" / "memory"
  std::string_view container;  // ContainerResource metrics: one container; else all
  const doc::Node* at;         // the metric (or the spec when defaulted)
  std::string path;
};

bool HasRequest(const k8s::Container& c, std::string_view resource) {
  const doc::Node* res = c.Get("resources");
  if (!res) return false;
  // A limit alone makes the API server default the request to it.
  for (std::string_view group : {"requests", "limits"}) {
    const doc::Node* g = res->Get(group);
    const doc::Node* v = g ? g->Get(resource) : nullptr;
    if (v && !v->IsNull()) return true;
  }
  return false;
}

std::vector<Need> Needs(const k8s::Object& hpa) {
  std::vector<Need> needs;
  const doc::Node* spec = hpa.spec();
  if (!spec || !spec->IsMap()) return needs;
  if (hpa.api_version() == "autoscaling/v1") {
    const doc::Node* t = spec->Get("targetCPUUtilizationPercentage");
    needs.push_back({"cpu", {}, t ? t : spec, "spec.targetCPUUtilizationPercentage"});
    return needs;
  }
  const doc::Node* metrics = spec->Get("metrics");
  if (!metrics || metrics->size() == 0) {
    // autoscaling/v2 defaults to 80 % average CPU utilization.
    needs.push_back({"cpu", {}, spec, "spec.metrics"});
    return needs;
  }
  uint32_t i = 0;
  for (const doc::Node* m : metrics->items()) {
    std::string_view type = Text(m->Get("type"));
    const doc::Node* src = type == "Resource"            ? m->Get("resource")
                           : type == "ContainerResource" ? m->Get("containerResource")
                                                         : nullptr;
    if (src) {
      const doc::Node* target = src->Get("target");
      bool utilization = target ? Text(target->Get("type")) == "Utilization"
                                : src->Get("targetAverageUtilization") != nullptr;
      std::string_view name = Text(src->Get("name"));
      if (utilization && (name == "cpu" || name == "memory")) {
        needs.push_back({name, Text(src->Get("container")), m, fmt::format("spec.metrics[{}]", i)});
      }
    }
    ++i;
  }
  return needs;
}

class HpaNoRequests final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-hpa-no-requests",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary =
            "HPA scales on CPU/memory utilization but the target's containers lack "
            "that request",
        .rationale =
            "Utilization is usage divided by the request; when a container of the pod "
            "has no request the HPA cannot compute it and does not scale at all "
            "(FailedGetResourceMetric). autoscaling/v2 without metrics defaults to CPU "
            "utilization. A limit alone counts (the API server copies it into the "
            "request), and pod-level resources cover every container. Speaks when the "
            "target workload is in the bundle.",
        .remediation =
            "Set resources.requests for that resource on every container of the "
            "target (sidecars included), or scale on another metric.",
        .failing_example =
            "metrics:\n- type: Resource\n  resource: {name: cpu, target: {type: "
            "Utilization, averageUtilization: 70}}\n# containers without "
            "requests.cpu",
        .passing_example = "resources:\n  requests: {cpu: 250m}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsHpa(o)) return;
    const auto& targets = ctx.index.Selected(o);
    if (targets.empty() || !targets.front()->pod()) return;
    const k8s::Object& w = *targets.front();
    const k8s::PodSpec& pod = *w.pod();
    for (const Need& n : Needs(o)) {
      const doc::Node* pod_res = pod.Get("resources");
      const doc::Node* pod_req = pod_res ? pod_res->Get("requests") : nullptr;
      if (pod_req && pod_req->Get(n.resource)) continue;
      std::string missing;
      for (const auto& c : pod.containers) {
        if (c.kind == k8s::ContainerKind::kEphemeral) continue;
        if (c.kind == k8s::ContainerKind::kInit && !c.IsSidecar()) continue;
        if (!n.container.empty() && c.name != n.container) continue;
        if (HasRequest(c, n.resource)) continue;
        if (!missing.empty()) missing += ", ";
        missing += fmt::format("'{}'", c.name);
      }
      if (missing.empty()) continue;
      out.Reportf(*this, o, n.at, n.path,
                  "HorizontalPodAutoscaler '{}' scales {} '{}' on {} utilization, but container{} "
                  "{} request{} no {}",
                  o.name(), w.kind(), w.name(), n.resource,
                  missing.find(',') == std::string::npos ? "" : "s", missing,
                  missing.find(',') == std::string::npos ? "s" : "", n.resource);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HpaNoRequests)
