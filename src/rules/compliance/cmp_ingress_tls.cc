// cmp-ingress-tls: traffic into the cluster travels encrypted: every Ingress host has a
// certificate, nothing turns the HTTPS redirect off, and Gateways do not serve a hostname over
// plain HTTP only.
#include <fmt/format.h>

#include "rules/compliance/lib/exposure.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

constexpr std::string_view kRedirectAnnotations[] = {
    "nginx.ingress.kubernetes.io/ssl-redirect",
    "nginx.ingress.kubernetes.io/force-ssl-redirect",
    "ingress.kubernetes.io/ssl-redirect",
};

bool ListenerCovers(const doc::Node* tls_listener, std::string_view hostname) {
  std::string_view h = ScalarText(tls_listener->Get("hostname"));
  if (h.empty()) return true;  // a listener without hostname matches every hostname
  return h == hostname || (!hostname.empty() && TlsHostCovers(h, hostname));
}

class CmpIngressTls final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-ingress-tls",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "Ingress host or Gateway listener serves plain HTTP",
        .rationale =
            "Cardholder and personal data must be encrypted in transit over open networks. An "
            "Ingress host without a TLS entry naming a certificate secret, an Ingress that "
            "disables the HTTPS redirect, or a Gateway hostname served only by an HTTP "
            "listener sends it in clear text.",
        .remediation =
            "Add the host to spec.tls with a secretName (cert-manager can issue it), drop the "
            "ssl-redirect: \"false\" annotation, and give every Gateway hostname an HTTPS "
            "listener (keep HTTP only to redirect).",
        .enabled_by_default = false,
        .failing_example = "kind: Ingress\nspec:\n  rules:\n  - host: pay.example.com",
        .passing_example =
            "kind: Ingress\nspec:\n  tls:\n  - hosts: [pay.example.com]\n    secretName: "
            "pay-tls\n  rules:\n  - host: pay.example.com",
        .cross_resource = false,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    bool ingress = IsIngress(o);
    bool gateway = IsGateway(o);
    if (!ingress && !gateway) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    auto cls = Classify(ctx.config.compliance, ctx.index, ns);
    Severity sev = RaiseIf(cls.regulated(), Severity::kMedium, Severity::kHigh);
    if (ingress) {
      for (const auto& h : IngressHosts(o)) {
        if (h.tls) continue;
        if (h.host.empty()) {
          out.Reportf(*this, o, h.node, h.path,
                      "Ingress '{}' serves requests for any host without a TLS entry that names "
                      "a certificate secret",
                      o.name())
              .severity = sev;
        } else {
          out.Reportf(*this, o, h.node, h.path,
                      "Ingress '{}' host '{}' is not covered by a TLS entry that names a "
                      "certificate secret",
                      o.name(), h.host)
              .severity = sev;
        }
      }
      for (std::string_view key : kRedirectAnnotations) {
        const doc::Node* a = o.Annotation(key);
        if (ScalarText(a) != "false") continue;
        out.Reportf(*this, o, a, fmt::format("metadata.annotations[{}]", key),
                    "Ingress '{}' sets {}: \"false\": clients can stay on plain HTTP", o.name(),
                    key)
            .severity = sev;
      }
      return;
    }
    const doc::Node* listeners = o.spec() ? o.spec()->Get("listeners") : nullptr;
    if (!listeners || !listeners->IsSeq()) return;
    for (std::size_t i = 0; i < listeners->size(); ++i) {
      const doc::Node* l = listeners->items()[i];
      if (!l->IsMap() || ScalarText(l->Get("protocol")) != "HTTP") continue;
      std::string_view hostname = ScalarText(l->Get("hostname"));
      bool covered = false;
      for (const doc::Node* other : listeners->items()) {
        std::string_view proto = ScalarText(other->Get("protocol"));
        if ((proto == "HTTPS" || proto == "TLS") && ListenerCovers(other, hostname)) covered = true;
      }
      if (covered) continue;
      out.Reportf(*this, o, l->Get("protocol"), fmt::format("spec.listeners[{}].protocol", i),
                  "Gateway '{}' listener '{}' serves {} over HTTP only (no HTTPS or TLS listener "
                  "covers it)",
                  o.name(), ScalarText(l->Get("name")),
                  hostname.empty() ? std::string_view("every hostname") : hostname)
          .severity = sev;
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpIngressTls)
