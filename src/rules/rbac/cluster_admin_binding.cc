// rbac-cluster-admin-binding: binding cluster-admin is handing over the cluster.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rbac/lib/policy_rules.h"
#include "rules/rbac/lib/role_ref.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ClusterAdminBinding final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-cluster-admin-binding",
        .family = Family::kRbac,
        .severity = Severity::kCritical,
        .summary =
            "a binding grants cluster-admin (or a role as broad), or admin/edit cluster-wide",
        .rationale =
            "cluster-admin can do anything to any object, including granting itself "
            "more; admin and edit bound by a ClusterRoleBinding give write access to "
            "every namespace's workloads and secrets. Such grants are rarely needed "
            "by an application and are the first thing an attacker looks for. A "
            "binding to a role of the bundle whose rules allow every verb on every "
            "resource of every API group is cluster-admin under another name and is "
            "reported too.",
        .remediation =
            "Write a Role (or ClusterRole) with only the verbs and resources needed "
            "and bind it in the namespace where it is used.",
        .failing_example =
            "kind: ClusterRoleBinding\nroleRef: {kind: ClusterRole, name: "
            "cluster-admin}",
        .passing_example = "kind: RoleBinding\nroleRef: {kind: Role, name: deployer}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBinding(o)) return;
    const doc::Node* ref = o.root()->Get("roleRef");
    if (!ref) return;
    std::string_view ref_kind = Text(ref->Get("kind"));
    const doc::Node* name = ref->Get("name");
    std::string_view role = Text(name);
    bool cluster_wide = o.kind() == "ClusterRoleBinding";
    if (ref_kind == "ClusterRole" && role == "cluster-admin") {
      out.Reportf(*this, o, name, "roleRef.name", "{} '{}' grants cluster-admin{}", o.kind(),
                  o.name(), cluster_wide ? " on the whole cluster" : "");
      return;
    }
    if (ref_kind == "ClusterRole" && cluster_wide && (role == "admin" || role == "edit")) {
      out.Reportf(*this, o, name, "roleRef.name",
                  "ClusterRoleBinding '{}' grants '{}' in every namespace", o.name(), role);
      return;
    }
    // A role of the bundle that grants everything is cluster-admin under another name.
    const k8s::Object* target = ResolveRoleRef(ctx.index, o);
    if (!target || !GrantsEverything(*target)) return;
    out.Reportf(*this, o, name, "roleRef.name",
                "{} '{}' binds {}, which grants every verb on every resource, to {}: "
                "cluster-admin{}",
                o.kind(), o.name(), RoleName(*target), SubjectList(o),
                cluster_wide ? " on the whole cluster" : " in its namespace");
  }

 private:
  // Some rule of `role` allows every verb on every resource of every API group.
  static bool GrantsEverything(const k8s::Object& role) {
    for (const PolicyRule& r : PolicyRules(role)) {
      if (!r.Group("*") || !Has(r.resources, "*") || r.HasResourceNames()) continue;
      if (Has(r.verbs, "*")) return true;
      bool all = true;
      for (std::string_view v :
           {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}) {
        all = all && r.Verb(v);
      }
      if (all) return true;
    }
    return false;
  }
  static bool Has(const doc::Node* list, std::string_view item) {
    if (!list || !list->IsSeq()) return false;
    for (const doc::Node* n : list->items()) {
      if (n->IsScalar() && n->text() == item) return true;
    }
    return false;
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ClusterAdminBinding)
