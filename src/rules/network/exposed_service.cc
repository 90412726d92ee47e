// net-exposed-service: Services reachable from outside the cluster.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsInternalLoadBalancer(const k8s::Object& o) {
  const doc::Node* a = o.annotations();
  if (!a) return false;
  return Text(a->Get("service.beta.kubernetes.io/aws-load-balancer-internal")) == "true" ||
         Text(a->Get("service.beta.kubernetes.io/aws-load-balancer-scheme")) == "internal" ||
         Text(a->Get("networking.gke.io/load-balancer-type")) == "Internal" ||
         Text(a->Get("cloud.google.com/load-balancer-type")) == "Internal" ||
         Text(a->Get("service.beta.kubernetes.io/azure-load-balancer-internal")) == "true";
}

class ExposedService final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-exposed-service",
        .family = Family::kNetwork,
        .severity = Severity::kLow,
        .summary = "Service of type NodePort or LoadBalancer",
        .rationale =
            "NodePort opens the port on every node's address; LoadBalancer asks the "
            "cloud for an address outside the cluster (public unless annotated "
            "internal). Each is an entry point that bypasses the Ingress layer's TLS, "
            "authentication and WAF; it should be a decision, not a default.",
        .remediation =
            "Use ClusterIP behind an Ingress or Gateway; if a load balancer is "
            "needed, make it internal and set loadBalancerSourceRanges.",
        .failing_example = "spec:\n  type: LoadBalancer",
        .passing_example = "spec:\n  type: ClusterIP",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Service") || !o.spec()) return;
    const doc::Node* type = o.spec()->Get("type");
    std::string_view t = Text(type);
    if (t == "NodePort") {
      out.Reportf(*this, o, type, "spec.type",
                  "Service '{}' is a NodePort: its ports open on every node", o.name());
    } else if (t == "LoadBalancer") {
      bool internal = IsInternalLoadBalancer(o);
      bool ranges = o.spec()->Get("loadBalancerSourceRanges") != nullptr;
      out.Reportf(*this, o, type, "spec.type", "Service '{}' is a{} LoadBalancer{}", o.name(),
                  internal ? "n internal" : "",
                  ranges     ? " limited by loadBalancerSourceRanges"
                  : internal ? ""
                             : " reachable from outside the cluster");
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ExposedService)
