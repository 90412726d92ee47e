// sec-host-network: hostNetwork removes the boundary between the pod and the node.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class HostNetwork final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-host-network",
        .family = Family::kSecurity,
        .severity = Severity::kHigh,
        .summary = "pod shares the node's network namespace (hostNetwork)",
        .rationale =
            "Sharing a host namespace removes the isolation between the pod and the node "
            "(and every other pod on it) : it sees and binds the node interfaces.",
        .remediation = "Remove spec.hostNetwork (or set it to false).",
        .mappings = {"CIS-1.12 5.2.5", "PCI-DSS-4.0 2.2.4"},
        .failing_example = "spec:\n  hostNetwork: true",
        .passing_example = "spec:\n  hostNetwork: false",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    (void)ctx;
    if (!o.pod()) return;
    const doc::Node* v = o.pod()->Get("hostNetwork");
    if (IsTrue(v)) {
      out.Reportf(*this, o, v, o.pod()->spec_path + ".hostNetwork", "pod sets hostNetwork: true");
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(host_network, gori::rules::HostNetwork)
