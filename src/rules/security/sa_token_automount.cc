// sec-sa-token-automount: a mounted token that nothing needs is a credential to steal.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/pod_account.h"

namespace gori::rules {
namespace {

class SaTokenAutomount final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-sa-token-automount",
        .family = Family::kSecurity,
        .severity = Severity::kLow,
        .summary =
            "the ServiceAccount token is mounted although the account has no RBAC "
            "binding in the bundle",
        .rationale =
            "Every pod gets an API token unless automountServiceAccountToken is false "
            "(on the pod, else on its ServiceAccount). An account without bindings "
            "needs no token; mounted anyway, it is a credential an attacker can use "
            "against the API server. Speaks only when the bundle defines the "
            "ServiceAccount (so its automount setting is known) or is declared "
            "complete (complete_bundle); bindings are looked up in the bundle, "
            "including system:serviceaccounts groups.",
        .remediation =
            "Set automountServiceAccountToken: false on the pod or its "
            "ServiceAccount; mount a projected token only where the API is used.",
        .failing_example =
            "kind: ServiceAccount\nmetadata: {name: api}\n# no RoleBinding, "
            "token mounted by default",
        .passing_example =
            "kind: ServiceAccount\nmetadata: {name: api}\n"
            "automountServiceAccountToken: false",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    std::string_view ns = Index::Namespace(o);
    PodAccount sa = AccountOf(pod);
    const k8s::Object* account = ctx.index.Find("ServiceAccount", ns, sa.name);
    if (!account && (!ctx.index.complete() || sa.name != "default")) return;
    const doc::Node* pod_setting = pod.Get("automountServiceAccountToken");
    if (IsFalse(pod_setting)) return;
    if (!IsTrue(pod_setting) && account &&
        IsFalse(account->root()->Get("automountServiceAccountToken"))) {
      return;
    }
    if (ctx.index.ServiceAccountBound(ns, sa.name)) return;
    const doc::Node* at = IsTrue(pod_setting) ? pod_setting : sa.node ? sa.node : pod.spec;
    std::string path =
        pod.spec_path + "." +
        (IsTrue(pod_setting) ? std::string("automountServiceAccountToken") : std::string(sa.field));
    out.Reportf(*this, o, at, path,
                "pod mounts the token of ServiceAccount '{}', which no binding in the bundle "
                "grants anything",
                sa.name);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SaTokenAutomount)
