// res-memory-request: container has no memory request.
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

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
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportMissingResource(*this, o, out, "requests", "memory", "memory request");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::MemoryRequest)
