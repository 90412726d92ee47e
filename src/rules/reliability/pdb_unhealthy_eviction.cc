// rel-pdb-unhealthy-eviction: crash-looping pods can block drains under the default policy.
#include "rules/reliability/lib/pdb.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PdbUnhealthyEviction final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-pdb-unhealthy-eviction",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "PodDisruptionBudget does not set unhealthyPodEvictionPolicy",
        .rationale =
            "Under the default IfHealthyBudget policy, a pod that is Running but not "
            "Ready can only be evicted when the budget is met; a crash-looping "
            "deployment therefore blocks node drains indefinitely. AlwaysAllow lets "
            "drains evict pods that are not serving anyway (policy/v1, Kubernetes "
            "1.27+).",
        .remediation = "Set spec.unhealthyPodEvictionPolicy: AlwaysAllow.",
        .failing_example = "spec:\n  maxUnavailable: 1",
        .passing_example = "spec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsPdb(o) || o.api_version() != "policy/v1") return;
    const doc::Node* p = o.spec() ? o.spec()->Get("unhealthyPodEvictionPolicy") : nullptr;
    if (p && !p->IsNull()) return;
    out.Reportf(*this, o, SpecAnchor(o), "spec",
                "PodDisruptionBudget '{}' does not set unhealthyPodEvictionPolicy; unready pods "
                "can block node drains",
                o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PdbUnhealthyEviction)
