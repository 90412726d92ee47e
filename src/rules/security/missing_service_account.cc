// sec-missing-service-account: a pod naming an absent ServiceAccount is never created.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/pod_account.h"

namespace gori::rules {
namespace {

class MissingServiceAccount final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-missing-service-account",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary =
            "the pod's ServiceAccount is not in the bundle, which defines that "
            "namespace's ServiceAccounts",
        .rationale =
            "The API server refuses to create a pod whose ServiceAccount does not "
            "exist; the workload's controller retries forever. Speaks only when the "
            "bundle defines ServiceAccounts in that namespace (or is declared "
            "complete), so accounts created elsewhere are not reported; `default` "
            "always exists.",
        .remediation = "Add the ServiceAccount to the bundle, or fix the name.",
        .failing_example = "spec:\n  serviceAccountName: payment-api  # no such ServiceAccount",
        .passing_example = "kind: ServiceAccount\nmetadata: {name: payment-api}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    PodAccount sa = AccountOf(*o.pod());
    if (!sa.node || sa.name == "default") return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.Knows("ServiceAccount", ns)) return;
    if (ctx.index.Find("ServiceAccount", ns, sa.name)) return;
    out.Reportf(*this, o, sa.node, o.pod()->spec_path + "." + sa.field,
                "ServiceAccount '{}' is not defined in namespace '{}'", sa.name, Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::MissingServiceAccount)
