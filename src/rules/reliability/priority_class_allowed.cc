// rel-priority-class-allowed: workloads name only the PriorityClasses the platform offers.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PriorityClassAllowed final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-priority-class-allowed",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary = "priorityClassName is not in allowed_priority_classes",
        .rationale =
            "Priority decides who is preempted when the cluster is full. A team that "
            "picks system-cluster-critical, or a class meant for another tier, pushes "
            "other services' pods out at the worst moment; a class that does not exist "
            "makes the API server reject the pod. Runs when allowed_priority_classes "
            "lists the classes workloads may use.",
        .remediation =
            "Use one of the PriorityClasses in allowed_priority_classes (ask the "
            "platform team for a new tier instead of borrowing one).",
        .enabled_by_default = false,
        .failing_example =
            "# allowed_priority_classes: [business-critical, batch]\nspec:\n  "
            "priorityClassName: system-cluster-critical",
        .passing_example = "spec:\n  priorityClassName: business-critical",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    const auto& allowed = ctx.config.allowed_priority_classes;
    if (allowed.empty() || !o.pod()) return;
    const doc::Node* name = o.pod()->Get("priorityClassName");
    std::string_view value = Text(name);
    if (value.empty()) return;  // rel-priority-class speaks about a missing class
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    out.Reportf(*this, o, name, o.pod()->spec_path + ".priorityClassName",
                "{} '{}' uses PriorityClass '{}', which is not one of the allowed ({})", o.kind(),
                o.name(), value, fmt::join(allowed, ", "));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PriorityClassAllowed)
