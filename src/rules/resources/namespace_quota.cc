// res-namespace-quota: a namespace whose workloads nothing bounds.
#include "rules/config.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class NamespaceQuota final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-namespace-quota",
        .family = Family::kResources,
        .severity = Severity::kLow,
        .summary = "a namespace with workloads has neither a ResourceQuota nor a LimitRange",
        .rationale =
            "Without a quota one team's runaway deployment (or a scaling loop) can "
            "take the whole cluster's capacity; without a LimitRange containers that "
            "forget requests get none. Speaks only when the bundle defines the "
            "Namespace object (the finding points at it) or is declared complete (the "
            "finding points at the namespace's first workload); system namespaces are "
            "skipped.",
        .remediation =
            "Add a ResourceQuota (and a LimitRange with default requests) to the "
            "namespace.",
        .failing_example =
            "kind: Namespace\nmetadata: {name: pay}\n# no ResourceQuota or "
            "LimitRange in pay",
        .passing_example =
            "kind: ResourceQuota\nmetadata: {name: pay, namespace: pay}\nspec:\n  "
            "hard: {requests.cpu: \"40\", requests.memory: 80Gi}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    std::string_view ns;
    if (IsBuiltinKind(o, "Namespace")) {
      ns = o.name();
    } else if (ctx.index.complete() && o.pod()) {
      ns = Index::Namespace(o);
      if (ctx.index.HasNamespace(ns)) return;  // reported on the Namespace object
      const auto& owners = ctx.index.PodOwnersIn(ns);
      if (owners.empty() || owners.front() != &o) return;
    } else {
      return;
    }
    if (ns.empty() || ctx.config.IsSystemNamespace(ns)) return;
    if (ctx.index.PodOwnersIn(ns).empty()) return;
    if (ctx.index.Defines("ResourceQuota", ns) || ctx.index.Defines("LimitRange", ns)) return;
    const doc::Node* name = o.metadata() ? o.metadata()->Get("name") : nullptr;
    out.Reportf(*this, o, name ? name : o.root(), "metadata.name",
                "namespace '{}' runs workloads but has no ResourceQuota or LimitRange",
                Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::NamespaceQuota)
