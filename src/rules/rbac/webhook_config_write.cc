// rbac-webhook-config-write: admission webhooks see and change every request.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class WebhookConfigWrite final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-webhook-config-write",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "write access to validating or mutating webhook configurations",
        .rationale =
            "Whoever writes a webhook configuration can disable admission policy "
            "(security webhooks included) or route every object, Secrets included, "
            "through a server of their choosing that may rewrite it.",
        .remediation =
            "Keep webhook configuration writes with cluster operators and the "
            "controllers that own them (cert injection may need patch on named "
            "objects only).",
        .failing_example =
            "rules:\n- apiGroups: [admissionregistration.k8s.io]\n  resources: "
            "[validatingwebhookconfigurations]\n  verbs: [create, update, delete]",
        .passing_example =
            "rules:\n- apiGroups: [admissionregistration.k8s.io]\n  resources: "
            "[validatingwebhookconfigurations]\n  verbs: [get, list]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      if (!r.Group("admissionregistration.k8s.io")) return;
      const doc::Node* verb =
          r.AnyVerb({"create", "update", "patch", "delete", "deletecollection"});
      if (!verb) return;
      for (std::string_view res :
           {"validatingwebhookconfigurations", "mutatingwebhookconfigurations"}) {
        if (const doc::Node* n = r.Resource(res)) emit({n, verb}, "");
      }
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::WebhookConfigWrite)
