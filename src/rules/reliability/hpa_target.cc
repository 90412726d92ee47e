// rel-hpa-target: an autoscaler aimed at nothing.
#include "rules/index.h"
#include "rules/reliability/lib/hpa.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HpaTarget final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-hpa-target",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary = "HPA scaleTargetRef names a workload that is not in the bundle",
        .rationale =
            "An autoscaler whose target does not exist does nothing, and the workload "
            "it was meant for runs at its fixed replica count through every peak. "
            "Usually a renamed Deployment or a kind/apiVersion typo. Speaks only when "
            "the bundle defines objects of the target's kind in the HPA's namespace "
            "(or is declared complete).",
        .remediation = "Fix scaleTargetRef (apiVersion, kind, name) to match the workload.",
        .failing_example =
            "scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: "
            "payment-apii}",
        .passing_example =
            "scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: "
            "payment-api}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsHpa(o) || !ctx.index.Selected(o).empty()) return;
    const doc::Node* ref = o.spec() ? o.spec()->Get("scaleTargetRef") : nullptr;
    if (!ref || !ref->IsMap()) return;
    std::string_view kind = Text(ref->Get("kind"));
    std::string key = KindKey(GroupOfApiVersion(Text(ref->Get("apiVersion"))), kind);
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.Knows(key, ns)) return;
    const doc::Node* name = ref->Get("name");
    out.Reportf(*this, o, name ? name : ref, "spec.scaleTargetRef.name",
                "HorizontalPodAutoscaler '{}' targets {} '{}', which is not in namespace '{}'",
                o.name(), kind, Text(name), Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::HpaTarget)
