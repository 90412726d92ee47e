// res-memory-request: container has no memory request.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Pod-level resources (spec.resources, Kubernetes 1.32+) cover every container.
const doc::Node* PodLevel(const k8s::PodSpec& pod, std::string_view kind, std::string_view name) {
  const doc::Node* r = pod.Get("resources");
  const doc::Node* k = r ? r->Get(kind) : nullptr;
  return k ? k->Get(name) : nullptr;
}

class MemoryRequest final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-memory-request",
        .family = Family::kResources,
        .severity = Severity::kMedium,
        .summary = "container has no memory request",
        .rationale =
            "Without a memory request the pod can land on a node that cannot hold it and is among "
            "the first evicted under memory pressure.",
        .remediation = "Set resources.requests.memory from observed usage.",
        .failing_example = "resources: {}",
        .passing_example = "resources:\n  requests:\n    memory: 256Mi",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    if (PodLevel(pod, "requests", "memory")) return;
    for (const auto& c : pod.containers) {
      if (c.kind == k8s::ContainerKind::kEphemeral) continue;  // cannot have resources
      const doc::Node* res = c.Get("resources");
      const doc::Node* group = res ? res->Get("requests") : nullptr;
      const doc::Node* v = group ? group->Get("memory") : nullptr;
      // A limit alone makes the API server default the request to it.
      if (!v && std::string_view("requests") == "requests") {
        const doc::Node* lim = res ? res->Get("limits") : nullptr;
        v = lim ? lim->Get("memory") : nullptr;
      }
      if (v && !v->IsNull()) continue;
      const doc::Node* at = group && group->IsMap() ? group : res && res->IsMap() ? res : c.node;
      out.Reportf(*this, o, at, c.Path(pod.spec_path) + ".resources.requests",
                  "container '{}' has no memory request", c.name)
          .container = std::string(c.name);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(memory_request, gori::rules::MemoryRequest)
