// sec-default-service-account: the namespace's default account is shared by everything.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"
#include "rules/security/lib/pod_account.h"

namespace gori::rules {
namespace {

class DefaultServiceAccount final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-default-service-account",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "pod runs as the namespace's default ServiceAccount with its token mounted",
        .rationale =
            "Every pod without serviceAccountName shares the namespace's `default` "
            "account: a permission granted to it for one workload is granted to all, "
            "and its token is mounted everywhere. Silent when the token is not mounted "
            "(automountServiceAccountToken: false on the pod, or on a `default` "
            "ServiceAccount defined in the bundle).",
        .remediation =
            "Create a ServiceAccount per workload and set serviceAccountName; set "
            "automountServiceAccountToken: false where the API is not used.",
        .failing_example = "spec:\n  containers: [...]\n  # no serviceAccountName",
        .passing_example = "spec:\n  serviceAccountName: payment-api\n  containers: [...]",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    PodAccount sa = AccountOf(pod);
    if (sa.name != "default") return;
    const doc::Node* pod_setting = pod.Get("automountServiceAccountToken");
    if (IsFalse(pod_setting)) return;
    const k8s::Object* account = ctx.index.Find("ServiceAccount", Index::Namespace(o), "default");
    if (!IsTrue(pod_setting) && account &&
        IsFalse(account->root()->Get("automountServiceAccountToken"))) {
      return;
    }
    out.Report(*this, o, sa.node ? sa.node : pod.spec,
               sa.node ? pod.spec_path + "." + sa.field : pod.spec_path,
               sa.node ? "pod runs as the default ServiceAccount"
                       : "pod sets no serviceAccountName and runs as the default ServiceAccount");
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DefaultServiceAccount)
