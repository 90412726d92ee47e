// cmp-public-exposure: only DMZ namespaces face the outside world; an internal, management or
// regulated namespace that opens a public load balancer, a node port or an Ingress/HTTPRoute
// bypasses the DMZ.
#include <fmt/format.h>

#include "rules/compliance/lib/exposure.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpPublicExposure final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-public-exposure",
        .family = Family::kCompliance,
        .severity = Severity::kHigh,
        .summary = "non-DMZ or regulated namespace is exposed outside the cluster",
        .rationale =
            "Public services belong in the DMZ, behind the controls built for them; systems "
            "holding personal, credit or cardholder data must not be directly reachable from "
            "untrusted networks. A LoadBalancer without an internal-LB annotation or source "
            "ranges, a NodePort, or an Ingress/HTTPRoute in such a namespace is a direct path "
            "in.",
        .remediation =
            "Serve the traffic from a DMZ namespace (gateway or ingress there, forwarding "
            "inward through NetworkPolicy-controlled flows); for internal clients use a "
            "ClusterIP Service or an internal load balancer. If the exposure is intended, "
            "document it with a compliance/exempt-cmp-public-exposure annotation.",
        .enabled_by_default = false,
        .failing_example =
            "# namespace labelled compliance/zone: internal\nkind: Service\nspec:\n  type: "
            "LoadBalancer",
        .passing_example =
            "kind: Service\nmetadata:\n  annotations:\n"
            "    service.beta.kubernetes.io/aws-load-balancer-scheme: internal\nspec:\n"
            "  type: LoadBalancer",
        .cross_resource = true,
    };
    return kInfo;
  }

  // Speaks only about namespaces whose Namespace object in the bundle classifies them: a zone
  // other than dmz, or a regulated data class.
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    bool service = IsService(o);
    bool ingress = IsIngress(o);
    bool route = IsHttpRoute(o);
    if (!service && !ingress && !route) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    auto cls = Classify(ctx.config.compliance, ctx.index, ns);
    bool non_dmz = cls.zone != Zone::kUnknown && cls.zone != Zone::kDmz;
    if (!non_dmz && !cls.regulated()) return;
    std::string why =
        cls.regulated()
            ? fmt::format("namespace '{}' holds {} data", ns, DataClassName(cls.data_class))
            : fmt::format("namespace '{}' is in zone {}", ns, ZoneName(cls.zone));
    if (service) {
      std::string_view type = ServiceType(o);
      if (type == "LoadBalancer") {
        bool internal = !InternalLoadBalancerAnnotation(o).empty();
        bool ranges = RestrictsSources(SourceRanges(o));
        if (!internal && !ranges) {
          const doc::Node* t = o.spec()->Get("type");
          out.Reportf(*this, o, t, "spec.type",
                      "Service '{}' is a public LoadBalancer (no internal-LB annotation, no "
                      "loadBalancerSourceRanges) but {}",
                      o.name(), why);
        }
      } else if (type == "NodePort") {
        const doc::Node* t = o.spec()->Get("type");
        out.Reportf(*this, o, t, "spec.type",
                    "Service '{}' is a NodePort, open on every node's address, but {}", o.name(),
                    why);
      }
      return;
    }
    if (ingress) {
      auto hosts = IngressHosts(o);
      std::vector<std::string_view> names;
      for (const auto& h : hosts) names.push_back(h.host.empty() ? "*" : h.host);
      out.Reportf(
          *this, o, o.spec() ? o.spec() : o.root(), "spec",
          "Ingress '{}' exposes {} over HTTP(S) but {}", o.name(),
          names.empty() ? std::string("its backends") : fmt::format("{}", fmt::join(names, ", ")),
          why);
      return;
    }
    auto hostnames = RouteHostnames(o);
    std::vector<std::string_view> names;
    for (const doc::Node* h : hostnames) names.push_back(ScalarText(h));
    out.Reportf(*this, o, o.spec() ? o.spec() : o.root(), "spec",
                "HTTPRoute '{}' routes {} into the namespace but {}", o.name(),
                names.empty() ? std::string("every hostname of its gateways")
                              : fmt::format("{}", fmt::join(names, ", ")),
                why);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpPublicExposure)
