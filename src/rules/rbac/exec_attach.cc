// rbac-exec-attach: exec is a shell in every pod the role reaches.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class ExecAttach final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-exec-attach",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "create (or get) on pods/exec or pods/attach",
        .rationale =
            "pods/exec and pods/attach open a shell or the main process's terminal in "
            "any pod of the namespace, with its files, tokens and network position. "
            "get counts too: before Kubernetes 1.30 a WebSocket exec needed only get.",
        .remediation =
            "Grant exec to on-call roles only, in the namespaces they operate, and "
            "prefer ephemeral debug containers with audit.",
        .failing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [pods/exec]\n  verbs: "
            "[create]",
        .passing_example = "rules:\n- apiGroups: [\"\"]\n  resources: [pods/log]\n  verbs: [get]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      if (!r.Group("")) return;
      const doc::Node* verb = r.AnyVerb({"create", "get"});
      if (!verb) return;
      for (std::string_view sub : {"pods/exec", "pods/attach"}) {
        if (const doc::Node* res = r.Resource(sub)) {
          emit({res, verb}, "");
          return;
        }
      }
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ExecAttach)
