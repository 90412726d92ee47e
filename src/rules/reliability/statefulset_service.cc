// rel-statefulset-service: a StatefulSet's pod DNS names need a headless Service.
#include <algorithm>

#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class StatefulsetService final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-statefulset-service",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "StatefulSet serviceName has no headless Service",
        .rationale =
            "The stable names pod-0.<serviceName> that StatefulSet peers use to find "
            "each other exist only through a headless Service (clusterIP: None) of "
            "that name whose selector matches the pods; without it replication and "
            "cluster membership break. Speaks "
            "when the bundle defines Services in that namespace (or is declared "
            "complete); a Service that exists but has a cluster IP is always reported.",
        .remediation =
            "Add a Service named like serviceName with clusterIP: None selecting the "
            "StatefulSet's pods.",
        .failing_example =
            "kind: StatefulSet\nspec:\n  serviceName: db\n---\nkind: Service\n"
            "metadata: {name: db}\nspec: {selector: {app: db}}",
        .passing_example =
            "kind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n  "
            "selector: {app: db}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "StatefulSet") || !o.spec()) return;
    const doc::Node* name = o.spec()->Get("serviceName");
    if (Text(name).empty()) return;
    std::string_view ns = Index::Namespace(o);
    const k8s::Object* svc = ctx.index.Find("Service", ns, name->text());
    if (!svc) {
      if (!ctx.index.Knows("Service", ns)) return;
      out.Reportf(*this, o, name, "spec.serviceName",
                  "StatefulSet '{}' names Service '{}', which is not in namespace '{}'", o.name(),
                  name->text(), Index::Shown(ns));
      return;
    }
    const doc::Node* ip = svc->spec() ? svc->spec()->Get("clusterIP") : nullptr;
    if (Text(ip) != "None") {
      out.Reportf(*this, o, name, "spec.serviceName",
                  "StatefulSet '{}' names Service '{}', which is not headless (clusterIP: None)",
                  o.name(), name->text());
      return;
    }
    // The per-pod DNS records come from the Service's endpoints: it must select these pods.
    const auto& selecting = ctx.index.ServicesSelecting(o);
    if (std::find(selecting.begin(), selecting.end(), svc) != selecting.end()) return;
    out.Reportf(*this, o, name, "spec.serviceName",
                "StatefulSet '{}' names headless Service '{}', which does not select its pods; "
                "the pods get no DNS names",
                o.name(), name->text());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::StatefulsetService)
