// sec-host-pid: hostPID removes the boundary between the pod and the node.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HostPid final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-host-pid",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "pod shares the node's pid namespace (hostPID)",
        .rationale =
            "Sharing a host namespace removes the isolation between the pod and the node "
            "(and every other pod on it).",
        .remediation = "Remove spec.hostPID (or set it to false).",
        .mappings = {"CIS-1.12 5.2.3", "PCI-DSS-4.0 2.2.4"},
        .failing_example = "spec:\n  hostPID: true",
        .passing_example = "spec:\n  hostPID: false",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod()) return;
    const doc::Node* v = o.pod()->Get("hostPID");
    if (IsTrue(v)) {
      out.Reportf(*this, o, v, o.pod()->spec_path + ".hostPID", "pod sets hostPID: true");
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(host_pid, gori::rules::HostPid)
