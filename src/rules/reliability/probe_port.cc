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
        .summary = "a probe's port is not a port the container declares",
        .rationale =
            "A named probe port must be one of the container's ports[].name, or the "
            "kubelet cannot resolve it and the probe fails: liveness then restarts the "
            "container forever, readiness keeps it out of every Service. A numeric "
            "port that the container's declared ports do not list is reported at low "
            "severity: it works only if the process listens there undeclared (the "
            "ports list is informational), which is usually a typo.",
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
          if (auto number = port->AsInt()) {
            if (!ports || ports->size() == 0) continue;
            bool declared = false;
            for (const doc::Node* p : ports->items()) {
              declared = declared ||
                         (p->Get("containerPort") && p->Get("containerPort")->AsInt() == number);
            }
            if (declared) continue;
            Finding& f = out.Reportf(*this, o, port, fmt::format("{}.{}.port", h.Path(), kind),
                                     "container '{}' {} probes port {}, which is not among its "
                                     "declared ports",
                                     c.name, h.name, *number);
            f.severity = Severity::kLow;
            ForContainer(f, c);
            continue;
          }
          bool found = false;
          for (const doc::Node* p : ports ? ports->items() : std::span<const doc::Node* const>()) {
            found = found || Text(p->Get("name")) == port->text();
          }
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
