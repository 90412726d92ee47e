// rbac-broad-subjects: groups that mean "everyone" or "all accounts".
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rbac/lib/policy_rules.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Roles Kubernetes itself binds to system:authenticated / unauthenticated for discovery.
bool IsDiscoveryRole(std::string_view role) {
  return role == "system:basic-user" || role == "system:discovery" ||
         role == "system:public-info-viewer";
}

std::string_view Audience(std::string_view kind, std::string_view name) {
  if (kind == "Group") {
    if (name == "system:masters") return "the unrestricted superuser group";
    if (name == "system:authenticated") return "every authenticated user and ServiceAccount";
    if (name == "system:unauthenticated") return "anonymous requests";
    if (name == "system:serviceaccounts") return "every ServiceAccount in the cluster";
    if (name.starts_with("system:serviceaccounts:")) return "every ServiceAccount of a namespace";
  }
  if (kind == "User" && name == "system:anonymous") return "anonymous requests";
  return {};
}

class BroadSubjects final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-broad-subjects",
        .family = Family::kRbac,
        .severity = Severity::kCritical,
        .summary =
            "a binding names system:masters, system:authenticated, "
            "system:unauthenticated, system:anonymous or system:serviceaccounts[:ns]",
        .rationale =
            "These subjects are not people or one workload but whole populations: "
            "every logged-in identity, every pod's token, or anonymous callers; "
            "system:masters bypasses RBAC entirely. A grant to them is a grant to "
            "every future workload. Kubernetes' own discovery bindings "
            "(system:basic-user, system:discovery, system:public-info-viewer) are "
            "not reported.",
        .remediation =
            "Bind the role to the specific ServiceAccounts, users or groups that "
            "need it.",
        .failing_example = "subjects:\n- kind: Group\n  name: system:authenticated",
        .passing_example =
            "subjects:\n- kind: ServiceAccount\n  name: payment-api\n  namespace: "
            "pay",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBinding(o)) return;
    const doc::Node* ref = o.root()->Get("roleRef");
    std::string_view role = ref ? Text(ref->Get("name")) : std::string_view();
    if (IsDiscoveryRole(role)) return;
    const doc::Node* subjects = o.root()->Get("subjects");
    if (!subjects) return;
    uint32_t i = 0;
    for (const doc::Node* s : subjects->items()) {
      const doc::Node* name = s->Get("name");
      std::string_view who = Audience(Text(s->Get("kind")), Text(name));
      if (!who.empty()) {
        out.Reportf(*this, o, name, fmt::format("subjects[{}].name", i),
                    "{} '{}' grants '{}' to {} ({})", o.kind(), o.name(), role, Text(name), who);
      }
      ++i;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::BroadSubjects)
