// sec-host-ipc: hostIPC removes the boundary between the pod and the node.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HostIpc final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-host-ipc",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "pod shares the node's ipc namespace (hostIPC)",
        .rationale =
            "Sharing a host namespace removes the isolation between the pod and the node "
            "(and every other pod on it).",
        .remediation = "Remove spec.hostIPC (or set it to false).",
        .mappings = {"CIS-1.12 5.2.4", "PCI-DSS-4.0 2.2.4"},
        .failing_example = "spec:\n  hostIPC: true",
        .passing_example = "spec:\n  hostIPC: false",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod()) return;
    const doc::Node* v = o.pod()->Get("hostIPC");
    if (IsTrue(v)) {
      out.Reportf(*this, o, v, o.pod()->spec_path + ".hostIPC", "pod sets hostIPC: true");
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(host_ipc, gori::rules::HostIpc)
