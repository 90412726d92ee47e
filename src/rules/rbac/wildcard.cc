// rbac-wildcard: `*` grants today's and tomorrow's permissions.
#include <string>

#include "rules/rbac/lib/policy_rules.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

const doc::Node* Star(const doc::Node* list) {
  if (!list) return nullptr;
  for (const doc::Node* n : list->items()) {
    if (n->text() == "*") return n;
  }
  return nullptr;
}

class Wildcard final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-wildcard",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "a Role or ClusterRole uses * in verbs, resources or apiGroups",
        .rationale =
            "A wildcard grants every current permission and every one added later "
            "(new resources, new CRDs, new subresources such as pods/exec), so "
            "reviewing the role today says little about what it allows tomorrow. "
            "The other rbac-* rules look only at explicitly named resources, so a "
            "wildcard role is reported here once and not by each of them.",
        .remediation = "List the verbs, API groups and resources the subject needs.",
        .failing_example = "rules:\n- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]",
        .passing_example =
            "rules:\n- apiGroups: [apps]\n  resources: [deployments]\n  verbs: "
            "[get, list, watch]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsRole(o)) return;
    for (const PolicyRule& r : PolicyRules(o)) {
      std::string fields;
      const doc::Node* first = nullptr;
      std::string_view first_field;
      for (auto [field, list] : {std::pair<std::string_view, const doc::Node*>{"verbs", r.verbs},
                                 {"resources", r.resources},
                                 {"apiGroups", r.groups}}) {
        if (const doc::Node* star = Star(list)) {
          if (!first) {
            first = star;
            first_field = field;
          }
          if (!fields.empty()) fields += ", ";
          fields += field;
        }
      }
      if (!first) continue;
      out.Reportf(*this, o, first, ItemPath(r, first_field, first), "{} uses '*' in {}",
                  RoleName(o), fields);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Wildcard)
