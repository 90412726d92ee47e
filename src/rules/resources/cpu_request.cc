// res-cpu-request: container has no CPU request.
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CpuRequest final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-cpu-request",
        .family = Family::kResources,
        .severity = Severity::kMedium,
        .summary = "container has no CPU request",
        .rationale =
            "Without a CPU request the scheduler places the pod as if it needed nothing; under "
            "load it is throttled first and HPA utilization targets cannot be computed.",
        .remediation = "Set resources.requests.cpu from observed usage (e.g. the p95 over a week).",
        .failing_example = "resources: {}",
        .passing_example = "resources:\n  requests:\n    cpu: 250m",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportMissingResource(*this, o, out, "requests", "cpu", "cpu request");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CpuRequest)
