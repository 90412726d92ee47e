// rel-priority-class: without a priority class, critical pods are preempted like batch ones.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PriorityClass final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-priority-class",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "pod sets no priorityClassName",
        .rationale =
            "When a cluster is full the scheduler preempts lower-priority pods; "
            "without a priority class a payment API competes with batch jobs on equal "
            "terms and may be the one evicted.",
        .remediation =
            "Define PriorityClasses for your tiers and set priorityClassName on "
            "every workload.",
        .enabled_by_default = false,
        .failing_example = "spec:\n  containers: [...]",
        .passing_example = "spec:\n  priorityClassName: business-critical",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || o.kind() == "PodTemplate") return;
    const doc::Node* p = o.pod()->Get("priorityClassName");
    if (p && !Text(p).empty()) return;
    out.Reportf(*this, o, o.pod()->spec, o.pod()->spec_path, "{} '{}' sets no priorityClassName",
                o.kind(), o.name());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PriorityClass)
