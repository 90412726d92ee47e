// net-ingress-tls: hosts served over plain HTTP.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool Covers(std::string_view pattern, std::string_view host) {
  if (pattern == host) return true;
  if (!pattern.starts_with("*.")) return false;
  auto dot = host.find('.');
  return dot != std::string_view::npos && host.substr(dot) == pattern.substr(1);
}

// Annotations of controllers that terminate TLS outside spec.tls (cloud load balancers).
bool TerminatesTlsElsewhere(const k8s::Object& o) {
  return o.Annotation("alb.ingress.kubernetes.io/certificate-arn") ||
         o.Annotation("networking.gke.io/managed-certificates") ||
         o.Annotation("ingress.gcp.kubernetes.io/pre-shared-cert") ||
         o.Annotation("appgw.ingress.kubernetes.io/appgw-ssl-certificate") ||
         o.Annotation("service.beta.kubernetes.io/aws-load-balancer-ssl-cert");
}

class IngressTls final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-ingress-tls",
        .family = Family::kNetwork,
        .severity = Severity::kMedium,
        .summary = "an Ingress host is not covered by spec.tls",
        .rationale =
            "A host without a TLS entry is served over plain HTTP: credentials, "
            "session cookies and card data cross the network readable. Wildcard TLS "
            "hosts (*.example.com) cover one label; a rule without host answers every "
            "host name, so it needs a spec.tls entry too. Ingresses whose certificate is "
            "attached by a cloud load balancer annotation (ALB certificate-arn, GKE "
            "managed certificates, ...) are not reported.",
        .remediation =
            "Add the host to spec.tls[].hosts with a certificate Secret (e.g. from "
            "cert-manager).",
        .failing_example = "rules:\n- host: pay.example.com\n# no tls section",
        .passing_example =
            "tls:\n- hosts: [pay.example.com]\n  secretName: pay-tls\nrules:\n- "
            "host: pay.example.com",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Ingress") || !o.spec() || TerminatesTlsElsewhere(o)) return;
    const doc::Node* rules = o.spec()->Get("rules");
    if (!rules) return;
    const doc::Node* tls = o.spec()->Get("tls");
    uint32_t i = 0;
    for (const doc::Node* r : rules->items()) {
      const doc::Node* host = r->Get("host");
      std::string_view h = Text(host);
      // A rule without host serves every host name; any TLS entry gives it a certificate.
      bool covered = h.empty() && tls && tls->size() > 0;
      for (const doc::Node* t : tls ? tls->items() : std::span<const doc::Node* const>()) {
        const doc::Node* hosts = t->Get("hosts");
        for (const doc::Node* th : hosts ? hosts->items() : std::span<const doc::Node* const>()) {
          covered = covered || Covers(th->text(), h);
        }
      }
      if (!covered && h.empty()) {
        out.Reportf(*this, o, r, fmt::format("spec.rules[{}]", i),
                    "Ingress '{}' has a rule without host and no spec.tls: it serves every host "
                    "name over plain HTTP",
                    o.name());
      } else if (!covered) {
        out.Reportf(*this, o, host, fmt::format("spec.rules[{}].host", i),
                    "Ingress '{}' serves host '{}' without TLS", o.name(), h);
      }
      ++i;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::IngressTls)
