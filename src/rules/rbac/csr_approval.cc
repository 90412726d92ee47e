// rbac-csr-approval: approving CSRs is issuing cluster credentials.
#include "rules/rbac/lib/grant_rule.h"

namespace gori::rules {
namespace {

class CsrApproval final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rbac-csr-approval",
        .family = Family::kRbac,
        .severity = Severity::kHigh,
        .summary = "update on certificatesigningrequests/approval",
        .rationale =
            "Approving a CertificateSigningRequest issues a client certificate the API "
            "server trusts; with a signer such as kubernetes.io/kube-apiserver-client "
            "that can be a certificate for any user or group, system:masters included.",
        .remediation =
            "Leave CSR approval to the controller manager and a reviewed approver "
            "with a narrow signerName scope.",
        .failing_example =
            "rules:\n- apiGroups: [certificates.k8s.io]\n  resources: "
            "[certificatesigningrequests/approval]\n  verbs: [update]",
        .passing_example =
            "rules:\n- apiGroups: [certificates.k8s.io]\n  resources: "
            "[certificatesigningrequests]\n  verbs: [get, list]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    ReportGrants(*this, o, out, [](const PolicyRule& r, const auto& emit) {
      const doc::Node* verb = r.AnyVerb({"update", "patch"});
      const doc::Node* res = r.Resource("certificatesigningrequests/approval");
      if (verb && res && r.Group("certificates.k8s.io")) emit({res, verb}, "");
    });
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CsrApproval)
