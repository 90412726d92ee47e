// rbac-secrets-read: reading Secrets is reading every credential of the namespace.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class SecretsRead final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-secrets-read",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "get, list or watch on secrets (list/watch or a ClusterRole: critical)",
        .rationale =
            "Secrets hold the namespace's credentials: database passwords, TLS keys, "
            "tokens of other ServiceAccounts. list and watch return every Secret's "
            "content at once, and a ClusterRole can be bound cluster-wide. get on "
            "named resourceNames only is the least-privilege pattern and is not "
            "reported.",
        .remediation =
            "Grant get on the specific Secrets needed (resourceNames), or mount the "
            "Secret into the pod instead of reading it through the API.",
        .failing_example = "rules:\n- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [list]",
        .passing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [secrets]\n  resourceNames: "
            "[api-tls]\n  verbs: [get]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsRole(o)) return;
    for (const PolicyRule& r : PolicyRules(o)) {
      if (!r.Group("")) continue;
      const doc::Node* res = r.Resource("secrets");
      if (!res) continue;
      const doc::Node* bulk = r.AnyVerb({"list", "watch"});
      const doc::Node* get = r.Verb("get");
      if (!bulk && !get) continue;
      if (!bulk && r.HasResourceNames()) continue;
      bool critical = bulk || o.kind() == "ClusterRole";
      Finding& f =
          out.Reportf(*this, o, res, ItemPath(r, "resources", res), "{} grants '{}' on secrets{}",
                      RoleName(o), (bulk ? bulk : get)->text(),
                      bulk                        ? " (returns every Secret's content)"
                      : o.kind() == "ClusterRole" ? " in any namespace it is bound"
                                                  : "");
      if (critical) f.severity = Severity::kCritical;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SecretsRead)
