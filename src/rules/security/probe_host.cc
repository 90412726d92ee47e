// sec-probe-host: a probe `host` makes the kubelet connect somewhere else.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ProbeHost final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "sec-probe-host",
        .family = Family::kSecurity,
        .severity = Severity::kMedium,
        .summary = "a probe or lifecycle handler sets httpGet.host or tcpSocket.host",
        .rationale =
            "With `host` the kubelet sends the probe to another address from the node's "
            "network, around NetworkPolicies: a way to reach internal endpoints (cloud "
            "metadata, other nodes) with the kubelet's network position. Pod Security "
            "Admission rejects it at baseline from policy v1.34.",
        .remediation =
            "Remove `host`; probes target the pod's own IP by default. Use "
            "httpHeaders with a Host header if the server needs a virtual host name.",
        .failing_example = "livenessProbe:\n  httpGet: {host: 169.254.169.254, path: /, port: 80}",
        .passing_example = "livenessProbe:\n  httpGet: {path: /healthz, port: 8080}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      for (const Handler& h : Handlers(pod, c)) {
        for (std::string_view kind : {"httpGet", "tcpSocket"}) {
          const doc::Node* action = h.node->Get(kind);
          const doc::Node* host = action ? action->Get("host") : nullptr;
          if (Text(host).empty()) continue;
          ForContainer(out.Reportf(*this, o, host, h.Path() + "." + std::string(kind) + ".host",
                                   "container '{}' {} sends {} to host '{}'", c.name, h.name, kind,
                                   host->text()),
                       c);
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ProbeHost)
