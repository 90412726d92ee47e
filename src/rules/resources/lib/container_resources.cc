#include "rules/resources/lib/container_resources.h"

#include "rules/pod_util.h"

namespace gori::rules {

const doc::Node* PodLevelResource(const k8s::PodSpec& pod, std::string_view group,
                                  std::string_view name) {
  const doc::Node* r = pod.Get("resources");
  const doc::Node* g = r ? r->Get(group) : nullptr;
  const doc::Node* v = g ? g->Get(name) : nullptr;
  return v && !v->IsNull() ? v : nullptr;
}

const doc::Node* ContainerResource(const k8s::Container& c, std::string_view group,
                                   std::string_view name) {
  const doc::Node* r = c.Get("resources");
  const doc::Node* g = r ? r->Get(group) : nullptr;
  const doc::Node* v = g ? g->Get(name) : nullptr;
  return v && !v->IsNull() ? v : nullptr;
}

const doc::Node* EffectiveRequest(const k8s::Container& c, std::string_view name) {
  const doc::Node* v = ContainerResource(c, "requests", name);
  return v ? v : ContainerResource(c, "limits", name);
}

void ReportMissingResource(const Rule& rule, const k8s::Object& o, Sink& out,
                           std::string_view group, std::string_view name, std::string_view what) {
  if (!o.pod()) return;
  const k8s::PodSpec& pod = *o.pod();
  if (PodLevelResource(pod, group, name)) return;
  for (const auto& c : pod.containers) {
    if (c.kind == k8s::ContainerKind::kEphemeral) continue;
    const doc::Node* v =
        group == "requests" ? EffectiveRequest(c, name) : ContainerResource(c, group, name);
    if (v) continue;
    const doc::Node* res = c.Get("resources");
    const doc::Node* g = res ? res->Get(group) : nullptr;
    ForContainer(out.Reportf(rule, o, FirstMap({g, res}, c.node),
                             c.Path(pod.spec_path) + ".resources." + std::string(group),
                             "container '{}' has no {}", c.name, what),
                 c);
  }
}

}  // namespace gori::rules
