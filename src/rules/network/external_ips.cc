// net-external-ips: externalIPs let a Service claim any address.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ExternalIps final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-external-ips",
        .family = Family::kNetwork,
        .severity = Severity::kHigh,
        .summary = "Service sets spec.externalIPs",
        .rationale =
            "kube-proxy routes traffic for every address in externalIPs to the "
            "Service, whoever owns that address: a Service can intercept traffic meant "
            "for another system (CVE-2020-8554). Most clusters should deny the field "
            "outright.",
        .remediation = "Remove externalIPs; use a LoadBalancer or Ingress for external traffic.",
        .failing_example = "spec:\n  externalIPs: [203.0.113.10]",
        .passing_example = "spec:\n  type: ClusterIP",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Service") || !o.spec()) return;
    const doc::Node* ips = o.spec()->Get("externalIPs");
    if (!ips || ips->size() == 0) return;
    out.Reportf(*this, o, ips, "spec.externalIPs", "Service '{}' claims external IP{} {}", o.name(),
                ips->size() == 1 ? "" : "s", [&] {
                  std::string s;
                  for (const doc::Node* ip : ips->items()) {
                    if (!s.empty()) s += ", ";
                    s += ip->text();
                  }
                  return s;
                }());
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ExternalIps)
