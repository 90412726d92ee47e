// rbac-node-proxy: nodes/proxy is the kubelet API, around audit and admission.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class NodeProxy final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-node-proxy",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "any access to nodes/proxy",
        .rationale =
            "nodes/proxy reaches the kubelet API of every node: exec into any pod on "
            "it, read its logs and metrics, without going through admission control "
            "or the API server's audit of pod exec. Even get is enough for much of it.",
        .remediation =
            "Remove the permission; monitoring agents can read /metrics through "
            "nodes/metrics instead.",
        .failing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [nodes/proxy]\n  verbs: [get]",
        .passing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [nodes/metrics]\n  verbs: "
            "[get]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      const doc::Node* res = r.Resource("nodes/proxy");
      if (!res || !r.Group("") || !r.verbs || r.verbs->size() == 0) return;
      emit({res, r.verbs->items()[0]}, "");
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::NodeProxy)
