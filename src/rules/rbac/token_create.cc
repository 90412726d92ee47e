// rbac-token-create: minting ServiceAccount tokens is becoming those accounts.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class TokenCreate final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-token-create",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "create on serviceaccounts/token",
        .rationale =
            "The TokenRequest API mints a token for any ServiceAccount the rule "
            "reaches; the subject then holds every permission of those accounts.",
        .remediation =
            "Remove the permission, or restrict it with resourceNames to the one "
            "account a token broker needs.",
        .failing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [serviceaccounts/token]\n  "
            "verbs: [create]",
        .passing_example =
            "rules:\n- apiGroups: [\"\"]\n  resources: [serviceaccounts]\n  verbs: "
            "[get]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      const doc::Node* verb = r.Verb("create");
      const doc::Node* res = r.Resource("serviceaccounts/token");
      if (verb && res && r.Group("")) emit({res, verb}, "");
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::TokenCreate)
