// res-cpu-limit: container has no CPU limit (opt-in: limits throttle).
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CpuLimit final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-cpu-limit",
        .family = Family::kResources,
        .severity = Severity::kInfo,
        .summary = "container has no CPU limit",
        .rationale =
            "Some platforms want every container capped so one busy process cannot "
            "take a node's spare CPU. Off by default: CPU limits cause CFS throttling "
            "and latency spikes even on idle nodes, and requests already guarantee "
            "each container its share.",
        .remediation = "Set resources.limits.cpu if your platform requires it.",
        .enabled_by_default = false,
        .failing_example = "resources:\n  requests: {cpu: 250m}",
        .passing_example = "resources:\n  requests: {cpu: 250m}\n  limits: {cpu: \"1\"}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportMissingResource(*this, o, out, "limits", "cpu", "CPU limit");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CpuLimit)
