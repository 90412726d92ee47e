// rbac-cluster-admin-binding: binding cluster-admin is handing over the cluster.
#include "rules/pod_util.h"
#include "rules/rbac/lib/policy_rules.h"
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
        .summary = "a binding grants cluster-admin, or admin/edit cluster-wide",
        .rationale =
            "cluster-admin can do anything to any object, including granting itself "
            "more; admin and edit bound by a ClusterRoleBinding give write access to "
            "every namespace's workloads and secrets. Such grants are rarely needed "
            "by an application and are the first thing an attacker looks for.",
        .remediation =
            "Write a Role (or ClusterRole) with only the verbs and resources needed "
            "and bind it in the namespace where it is used.",
        .failing_example =
            "kind: ClusterRoleBinding\nroleRef: {kind: ClusterRole, name: "
            "cluster-admin}",
        .passing_example = "kind: RoleBinding\nroleRef: {kind: Role, name: deployer}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBinding(o)) return;
    const doc::Node* ref = o.root()->Get("roleRef");
    if (!ref || Text(ref->Get("kind")) != "ClusterRole") return;
    const doc::Node* name = ref->Get("name");
    std::string_view role = Text(name);
    bool cluster_wide = o.kind() == "ClusterRoleBinding";
    if (role == "cluster-admin") {
      out.Reportf(*this, o, name, "roleRef.name", "{} '{}' grants cluster-admin{}", o.kind(),
                  o.name(), cluster_wide ? " on the whole cluster" : "");
    } else if (cluster_wide && (role == "admin" || role == "edit")) {
      out.Reportf(*this, o, name, "roleRef.name",
                  "ClusterRoleBinding '{}' grants '{}' in every namespace", o.name(), role);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ClusterAdminBinding)
