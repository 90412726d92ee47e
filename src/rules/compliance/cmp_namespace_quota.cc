// cmp-namespace-quota: a namespace that runs workloads has both a ResourceQuota (caps the
// namespace) and a LimitRange (defaults and caps each container), so one tenant cannot starve
// the others.
#include <fmt/format.h>

#include "rules/compliance/lib/default_deny.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpNamespaceQuota final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-namespace-quota",
        .family = Family::kCompliance,
        .severity = Severity::kLow,
        .summary = "namespace with workloads lacks a LimitRange or a ResourceQuota",
        .rationale =
            "Resource policies keep a compromised or runaway workload from exhausting the "
            "node and the namespace: a ResourceQuota caps the namespace, a LimitRange gives "
            "every container defaults and limits.",
        .remediation = "Add a ResourceQuota and a LimitRange to the namespace.",
        .enabled_by_default = false,
        .failing_example = "# a namespace with Deployments and no ResourceQuota",
        .passing_example =
            "kind: ResourceQuota\nspec:\n  hard: {requests.cpu: \"20\", limits.memory: 64Gi}\n"
            "---\nkind: LimitRange\nspec:\n  limits:\n  - type: Container\n    default: "
            "{memory: 512Mi}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    std::string_view ns;
    if (!IsNamespaceAnchor(ctx, o, ns)) return;
    bool quota = ctx.index.Defines("ResourceQuota", ns);
    bool limits = ctx.index.Defines("LimitRange", ns);
    if (quota && limits) return;
    std::string_view missing = !quota && !limits ? "a ResourceQuota and a LimitRange"
                               : !quota          ? "a ResourceQuota"
                                                 : "a LimitRange";
    std::string_view where = o.kind() == "Namespace" ? "" : " (reported on its first workload)";
    out.Reportf(*this, o, NameOrMetadataAnchor(o), "", "namespace '{}'{} runs workloads without {}",
                ns, where, missing);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpNamespaceQuota)
