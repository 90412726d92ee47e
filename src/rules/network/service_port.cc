// net-service-port: a Service port aimed at a port its pods do not have.
#include <fmt/format.h>

#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

struct PortFacts {
  bool declares_ports = false;
  bool has = false;
};

// Whether the owner's containers declare `target` (a port name or number).
PortFacts Declares(const k8s::Object& owner, const doc::Node* target, bool by_name) {
  PortFacts f;
  for (const auto& c : owner.pod()->containers) {
    const doc::Node* ports = c.Get("ports");
    if (!ports) continue;
    for (const doc::Node* p : ports->items()) {
      f.declares_ports = true;
      if (by_name
              ? Text(p->Get("name")) == target->text()
              : (p->Get("containerPort") && p->Get("containerPort")->AsInt() == target->AsInt())) {
        f.has = true;
      }
    }
  }
  return f;
}

class ServicePort final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-service-port",
        .family = Family::kNetwork,
        .severity = Severity::kHigh,
        .summary = "Service targetPort is not a port of the pods it selects",
        .rationale =
            "A named targetPort resolves only against the pods' declared port names; "
            "when none of the selected pods has that name the Service has no "
            "endpoints for the port and every request fails. A numeric targetPort "
            "(default: the port) that no selected pod declares is reported at low "
            "severity, since the ports list is informational and the process may "
            "listen there undeclared. Judged against the pods the Service selects in "
            "the bundle.",
        .remediation = "Use the container port's name (or number) as targetPort.",
        .failing_example = "ports:\n- port: 80\n  targetPort: htttp",
        .passing_example = "ports:\n- port: 80\n  targetPort: http",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "Service") || !o.spec()) return;
    const auto& owners = ctx.index.Selected(o);
    const doc::Node* ports = o.spec()->Get("ports");
    if (owners.empty() || !ports) return;
    uint32_t i = 0;
    for (const doc::Node* p : ports->items()) {
      const doc::Node* target = p->Get("targetPort");
      bool explicit_target = target && target->IsScalar() && !target->IsNull();
      if (!explicit_target) target = p->Get("port");
      std::string path =
          fmt::format("spec.ports[{}].{}", i++, explicit_target ? "targetPort" : "port");
      if (!target || !target->IsScalar() || target->IsNull()) continue;
      bool by_name = !target->AsInt();
      bool any = false, all_declare = true;
      for (const k8s::Object* w : owners) {
        PortFacts f = Declares(*w, target, by_name);
        any = any || f.has;
        all_declare = all_declare && f.declares_ports;
      }
      if (any) continue;
      if (by_name) {
        out.Reportf(*this, o, target, path,
                    "Service '{}' targets port '{}', which none of its pods declares; the port "
                    "has no endpoints",
                    o.name(), target->text());
      } else if (all_declare) {
        out.Reportf(*this, o, target, path,
                    "Service '{}' targets port {}, which none of its pods declares", o.name(),
                    target->text())
            .severity = Severity::kLow;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ServicePort)
