// rbac-default-sa-binding: permissions given to `default` go to every pod.
#include <fmt/format.h>

#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rbac/lib/policy_rules.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class DefaultSaBinding final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-default-sa-binding",
        .family = Family::kRbac,
        .severity = Severity::kMedium,
        .summary = "a binding grants a role to a namespace's default ServiceAccount",
        .rationale =
            "Every pod that does not name a ServiceAccount runs as `default`, so a "
            "role bound to it is held by every such pod of the namespace, present and "
            "future.",
        .remediation =
            "Create a ServiceAccount for the workload that needs the role, bind "
            "that, and set serviceAccountName.",
        .failing_example = "subjects:\n- kind: ServiceAccount\n  name: default",
        .passing_example = "subjects:\n- kind: ServiceAccount\n  name: payment-api",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBinding(o)) return;
    const doc::Node* subjects = o.root()->Get("subjects");
    if (!subjects) return;
    uint32_t i = 0;
    for (const doc::Node* s : subjects->items()) {
      const doc::Node* name = s->Get("name");
      if (Text(s->Get("kind")) == "ServiceAccount" && Text(name) == "default") {
        std::string_view ns = Text(s->Get("namespace"));
        if (ns.empty()) ns = Index::Namespace(o);
        out.Reportf(*this, o, name, fmt::format("subjects[{}].name", i),
                    "{} '{}' grants a role to the default ServiceAccount of namespace '{}'",
                    o.kind(), o.name(), Index::Shown(ns));
      }
      ++i;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DefaultSaBinding)
