// rbac-escalation-verbs: bind, escalate and impersonate step around RBAC itself.
#include <fmt/format.h>

#include "rules/rbac/lib/policy_rules.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class EscalationVerbs final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-escalation-verbs",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "bind, escalate or impersonate granted",
        .rationale =
            "escalate lets a subject write roles with permissions it does not have, "
            "bind lets it bind roles it does not hold, impersonate lets it act as any "
            "user, group or ServiceAccount: each is a path to cluster-admin. A `*` "
            "verb on roles, clusterroles, users, groups or serviceaccounts grants them "
            "too.",
        .remediation = "Remove these verbs; RBAC administration belongs to cluster operators.",
        .failing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [users]\n  verbs: "
            "[impersonate]",
        .passing_example =
            "rules:\n- apiGroups: [rbac.authorization.k8s.io]\n  resources: "
            "[roles]\n  verbs: [get, list]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsRole(o)) return;
    for (const PolicyRule& r : PolicyRules(o)) {
      if (!r.verbs) continue;
      bool reported = false;
      for (const doc::Node* v : r.verbs->items()) {
        std::string_view t = v->text();
        if (t == "bind" || t == "escalate" || t == "impersonate") {
          out.Reportf(*this, o, v, ItemPath(r, "verbs", v), "{} grants '{}'", RoleName(o), t);
          reported = true;
        }
      }
      if (reported || !r.Verb("*") || r.Verb("*")->text() != "*") continue;
      for (std::string_view res : {"roles", "clusterroles", "users", "groups", "serviceaccounts"}) {
        if (const doc::Node* n = r.Resource(res)) {
          out.Reportf(*this, o, n, ItemPath(r, "resources", n),
                      "{} grants '*' on {}, which includes {}", RoleName(o), res,
                      res.ends_with("roles") ? "bind and escalate" : "impersonate");
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::EscalationVerbs)
