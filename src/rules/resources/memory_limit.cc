// res-memory-limit: container has no memory limit.
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class MemoryLimit final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-memory-limit",
        .family = Family::kResources,
        .severity = Severity::kMedium,
        .summary = "container has no memory limit",
        .rationale =
            "Without a memory limit one leaking container can exhaust the node and trigger "
            "evictions of its neighbours.",
        .remediation =
            "Set resources.limits.memory (usually equal to the request for predictable behaviour).",
        .failing_example = "resources: {}",
        .passing_example = "resources:\n  limits:\n    memory: 256Mi",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportMissingResource(*this, o, out, "limits", "memory", "memory limit");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::MemoryLimit)
