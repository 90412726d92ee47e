// res-ephemeral-storage: unbounded scratch space can fill the node's disk.
#include "rules/resources/lib/container_resources.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class EphemeralStorage final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "res-ephemeral-storage",
        .family = Family::kResources,
        .severity = Severity::kLow,
        .summary = "container has no ephemeral-storage limit",
        .rationale =
            "Logs, emptyDir volumes and the writable layer all use the node's disk; a "
            "container without an ephemeral-storage limit can fill it and get every "
            "pod on the node evicted. A limit alone also sets the request.",
        .remediation = "Set resources.limits.ephemeral-storage (and a request for scheduling).",
        .enabled_by_default = false,
        .failing_example = "resources:\n  limits: {memory: 256Mi}",
        .passing_example = "resources:\n  limits: {memory: 256Mi, ephemeral-storage: 1Gi}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportMissingResource(*this, o, out, "limits", "ephemeral-storage", "ephemeral-storage limit");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::EphemeralStorage)
