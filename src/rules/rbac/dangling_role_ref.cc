// rbac-dangling-role-ref: a binding to a role that does not exist grants nothing.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rbac/lib/policy_rules.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// ClusterRoles every cluster has without any manifest.
bool IsBuiltinClusterRole(std::string_view name) {
  return name == "cluster-admin" || name == "admin" || name == "edit" || name == "view" ||
         name.starts_with("system:");
}

class DanglingRoleRef final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-dangling-role-ref",
        .family = Family::kRbac,
        .severity = Severity::kLow,
        .summary = "a binding's roleRef names a role the bundle does not define",
        .rationale =
            "A binding whose role does not exist grants nothing today and silently "
            "grants whatever a same-named role created later contains. Speaks only "
            "when the bundle defines Roles of the binding's namespace (for a Role) or "
            "ClusterRoles (for a ClusterRole), or is declared complete; the built-in "
            "ClusterRoles (cluster-admin, admin, edit, view, system:*) always exist.",
        .remediation = "Fix the roleRef name or add the role to the bundle.",
        .failing_example = "roleRef: {kind: Role, name: raeder}",
        .passing_example = "roleRef: {kind: Role, name: reader}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBinding(o)) return;
    const doc::Node* ref = o.root()->Get("roleRef");
    if (!ref) return;
    std::string_view kind = Text(ref->Get("kind"));
    const doc::Node* name = ref->Get("name");
    std::string_view ns = kind == "Role" ? Index::Namespace(o) : std::string_view();
    if (kind != "Role" && kind != "ClusterRole") return;
    if (kind == "ClusterRole" && IsBuiltinClusterRole(Text(name))) return;
    if (!ctx.index.Knows(kind, ns) || ctx.index.RoleOf(o)) return;
    out.Reportf(*this, o, name ? name : ref, "roleRef.name",
                "{} '{}' refers to {} '{}', which "
                "is not in the bundle",
                o.kind(), o.name(), kind, Text(name));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DanglingRoleRef)
