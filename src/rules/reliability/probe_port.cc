// rel-probe-port: a probe aimed at a port the container does not have always fails.
#include <fmt/format.h>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class ProbePort final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-probe-port",
        .family = Family::kReliability,
        .severity = Severity::kHigh,
        .summary = "a probe's named port is not declared by the container, or its port is UDP",
        .rationale =
            "A named probe port must be one of the container's ports[].name, or the "
            "kubelet cannot resolve it and the probe fails: liveness then restarts the "
            "container forever, readiness keeps it out of every Service. Probes "
            "connect over TCP, so a port the container declares only with protocol: "
            "UDP never answers them. A numeric port the container does not declare is "
            "accepted: the ports list is informational.",
        .remediation =
            "Point the probe at a declared port name, or fix the number (or declare "
            "the port).",
        .failing_example =
            "ports: [{name: http, containerPort: 8080}]\nlivenessProbe:\n  "
            "httpGet: {path: /livez, port: htttp}",
        .passing_example =
            "ports: [{name: http, containerPort: 8080}]\nlivenessProbe:\n  "
            "httpGet: {path: /livez, port: http}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* ports = c.Get("ports");
      for (const Handler& h : Handlers(pod, c)) {
        if (h.name == "postStart" || h.name == "preStop") continue;
        for (std::string_view kind : {"httpGet", "tcpSocket", "grpc"}) {
          const doc::Node* action = h.node->Get(kind);
          const doc::Node* port = action ? action->Get("port") : nullptr;
          if (!port || !port->IsScalar() || port->IsNull()) continue;
          // Probes connect over TCP: a port declared only as UDP never answers them. An
          // undeclared number is fine (declaring ports is informational).
          bool tcp = false, udp = false, named = !port->AsInt().has_value();
          for (const doc::Node* p : ports ? ports->items() : std::span<const doc::Node* const>()) {
            const doc::Node* number = p->Get("containerPort");
            bool same = named ? Text(p->Get("name")) == port->text()
                              : (number && number->AsInt() == port->AsInt());
            if (!same) continue;
            std::string_view protocol = Text(p->Get("protocol"));
            if (protocol == "UDP") {
              udp = true;
            } else {
              tcp = true;
            }
          }
          if (udp && !tcp) {
            ForContainer(out.Reportf(*this, o, port, fmt::format("{}.{}.port", h.Path(), kind),
                                     "container '{}' {} probes port {} over TCP, but the "
                                     "container declares it as UDP; the probe always fails",
                                     c.name, h.name, port->text()),
                         c);
            continue;
          }
          if (!named) continue;
          bool found = tcp;
          if (found) continue;
          ForContainer(out.Reportf(*this, o, port, fmt::format("{}.{}.port", h.Path(), kind),
                                   "container '{}' {} probes port '{}', which the container does "
                                   "not declare; the probe always fails",
                                   c.name, h.name, port->text()),
                       c);
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ProbePort)
