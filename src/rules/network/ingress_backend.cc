// net-ingress-backend: an Ingress routing to a Service or port that does not exist.
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool ServiceHasPort(const k8s::Object& svc, const doc::Node* port) {
  const doc::Node* ports = svc.spec() ? svc.spec()->Get("ports") : nullptr;
  if (!ports) return false;
  auto number = port->AsInt();
  for (const doc::Node* p : ports->items()) {
    if (number ? (p->Get("port") && p->Get("port")->AsInt() == number)
               : Text(p->Get("name")) == port->text()) {
      return true;
    }
  }
  return false;
}

class IngressBackendRule final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-ingress-backend",
        .family = Family::kNetwork,
        .severity = Severity::kHigh,
        .summary = "Ingress backend Service or port missing",
        .rationale =
            "An Ingress path whose Service does not exist, or whose port the Service "
            "does not expose (by number or name), answers 503 for every request. "
            "Both networking.k8s.io/v1 and the older serviceName/servicePort shape "
            "are read; the older shape under apiVersion networking.k8s.io/v1 (a common "
            "migration mistake) is no backend at all. A missing Service is reported only when the "
            "bundle defines "
            "Services of that namespace (or is declared complete); a missing port on "
            "a Service in the bundle always is.",
        .remediation = "Point the backend at an existing Service and one of its ports.",
        .failing_example =
            "backend:\n  service: {name: payment-api, port: {number: 8080}}\n# "
            "the Service exposes port 80",
        .passing_example = "backend:\n  service: {name: payment-api, port: {number: 80}}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Ingress")) return;
    std::string_view ns = Index::Namespace(o);
    bool v1 = o.api_version() == "networking.k8s.io/v1";
    for (const IngressBackend& b : ctx.index.IngressBackends(o)) {
      if (v1 && !b.at->Get("service") && !b.at->Get("resource")) {
        // The extensions/v1beta1 shape under networking.k8s.io/v1: fields v1 does not have.
        const doc::Node* old = b.at->Get("serviceName");
        const doc::Node* at = old ? old : b.at->Get("servicePort");
        if (!at) continue;
        out.Reportf(*this, o, at, b.path + (old ? ".serviceName" : ".servicePort"),
                    "Ingress '{}' names its backend with serviceName/servicePort, which "
                    "networking.k8s.io/v1 does not have: the backend has no Service (write "
                    "service: {{name: {}, port: {{number: ...}}}})",
                    o.name(), b.service.empty() ? "..." : b.service);
        continue;
      }
      if (b.service.empty()) continue;
      if (!b.target) {
        if (!ctx.index.Knows("Service", ns)) continue;
        const doc::Node* svc = b.at->Get("service");
        const doc::Node* name = svc ? svc->Get("name") : b.at->Get("serviceName");
        out.Reportf(*this, o, name ? name : b.at, b.path + (svc ? ".service.name" : ".serviceName"),
                    "Ingress '{}' routes to Service '{}', which is not in namespace '{}'", o.name(),
                    b.service, Index::Shown(ns));
        continue;
      }
      if (!b.port || ServiceHasPort(*b.target, b.port)) continue;
      std::string path = b.path + (!b.at->Get("service") ? ".servicePort"
                                   : b.port->AsInt()     ? ".service.port.number"
                                                         : ".service.port.name");
      out.Reportf(*this, o, b.port, path,
                  "Ingress '{}' routes to port {} of Service '{}', which does not expose it",
                  o.name(), b.port->text(), b.service);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::IngressBackendRule)
