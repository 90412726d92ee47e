// net-servicemonitor-selects-nothing: a ServiceMonitor scraping nothing.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ServicemonitorSelectsNothing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-servicemonitor-selects-nothing",
        .family = Family::kNetwork,
        .severity = Severity::kLow,
        .summary = "Prometheus ServiceMonitor matches no Service",
        .rationale =
            "A ServiceMonitor whose selector (in the namespaces its namespaceSelector "
            "names: its own by default, a matchNames list, or any) matches no Service "
            "scrapes nothing, and the dashboards and alerts built on it stay silent "
            "when they matter. Service labels are compared, not pod labels. Speaks "
            "only when the bundle defines Services in a namespace it looks at (or is "
            "declared complete).",
        .remediation = "Make spec.selector match the Service's metadata.labels.",
        .failing_example =
            "kind: ServiceMonitor\nspec:\n  selector: {matchLabels: {app: "
            "paymnet-api}}",
        .passing_example =
            "kind: ServiceMonitor\nspec:\n  selector: {matchLabels: {app: "
            "payment-api}}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (o.kind() != "ServiceMonitor" || o.group() != "monitoring.coreos.com" || !o.spec()) return;
    if (!ctx.index.Selected(o).empty()) return;
    const doc::Node* ns_sel = o.spec()->Get("namespaceSelector");
    const doc::Node* names = ns_sel ? ns_sel->Get("matchNames") : nullptr;
    bool knows = ctx.index.complete();
    if (ns_sel && IsTrue(ns_sel->Get("any"))) {
      knows = knows || !ctx.index.OfKind("Service").empty();
    } else if (names && names->size() > 0) {
      for (const doc::Node* n : names->items())
        knows = knows || ctx.index.Defines("Service", n->text());
    } else {
      knows = knows || ctx.index.Defines("Service", Index::Namespace(o));
    }
    if (!knows) return;
    const doc::Node* sel = o.spec()->Get("selector");
    out.Reportf(*this, o, sel ? sel : o.spec(), "spec.selector",
                "ServiceMonitor '{}' matches no Service; nothing is scraped", o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ServicemonitorSelectsNothing)
