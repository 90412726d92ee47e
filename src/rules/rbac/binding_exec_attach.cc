// rbac-binding-exec-attach: who can open a shell in pods, reported where access is handed out.
#include "rules/pod_util.h"
#include "rules/rbac/lib/policy_rules.h"
#include "rules/rbac/lib/role_ref.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// "pods/exec" or "pods/attach" when a rule of `role` lets its holder use it, else "".
std::string_view ExecGrant(const k8s::Object& role) {
  for (const PolicyRule& r : PolicyRules(role)) {
    if (!r.Group("") || !r.AnyVerb({"create", "get"}) || r.HasResourceNames()) continue;
    for (std::string_view sub : {"pods/exec", "pods/attach"}) {
      if (r.Resource(sub)) return sub;
    }
    for (const doc::Node* res :
         r.resources ? r.resources->items() : std::span<const doc::Node* const>()) {
      if (res->IsScalar() && res->text() == "*") return "pods/exec";
    }
  }
  return {};
}

class BindingExecAttach final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-binding-exec-attach",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "a binding lets its subjects exec or attach into pods",
        .rationale =
            "rbac-exec-attach reports the role; this rule reports each binding that "
            "hands such a role out, naming who receives it, since that is where a "
            "reviewer decides. pods/exec and pods/attach open a shell (or the main "
            "process's terminal) in the pods the binding reaches, with their files, "
            "tokens and network position. The role must be in the bundle.",
        .remediation =
            "Bind exec to on-call groups only, in the namespaces they operate; prefer "
            "ephemeral debug containers with audit.",
        .failing_example =
            "kind: RoleBinding\nroleRef: {kind: Role, name: debug}  # debug: create "
            "pods/exec\nsubjects: [{kind: ServiceAccount, name: ci}]",
        .passing_example =
            "kind: RoleBinding\nroleRef: {kind: Role, name: log-reader}  # get "
            "pods/log",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBinding(o)) return;
    const k8s::Object* role = ResolveRoleRef(ctx.index, o);
    if (!role) return;
    std::string_view grant = ExecGrant(*role);
    if (grant.empty()) return;
    const doc::Node* ref = o.root()->Get("roleRef");
    out.Reportf(*this, o, ref->Get("name") ? ref->Get("name") : ref, "roleRef.name",
                "{} '{}' lets {} use {} through {}{}", o.kind(), o.name(), SubjectList(o), grant,
                RoleName(*role), o.kind() == "ClusterRoleBinding" ? " in every namespace" : "");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::BindingExecAttach)
