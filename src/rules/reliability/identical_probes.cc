// rel-identical-probes: liveness that checks what readiness checks restarts healthy pods.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// The handler part of a probe (what it calls, not how often).
const doc::Node* Action(const doc::Node* probe, std::string_view* kind) {
  for (std::string_view k : {"httpGet", "tcpSocket", "grpc", "exec"}) {
    if (const doc::Node* a = probe->Get(k)) {
      *kind = k;
      return a;
    }
  }
  return nullptr;
}

class IdenticalProbes final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-identical-probes",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "livenessProbe calls the same check as readinessProbe",
        .rationale =
            "Readiness answers \"can I serve now?\" and may fail when a dependency is "
            "slow; liveness answers \"am I stuck?\" and restarts the container when it "
            "fails. With one check for both, a slow database takes pods out of the "
            "Service and then restarts every one of them, turning a brownout into an "
            "outage.",
        .remediation =
            "Give liveness a cheap, dependency-free check (process alive, event loop "
            "turning) and keep dependency checks in readiness.",
        .failing_example =
            "livenessProbe:\n  httpGet: {path: /ready, port: 8080}\n"
            "readinessProbe:\n  httpGet: {path: /ready, port: 8080}",
        .passing_example =
            "livenessProbe:\n  httpGet: {path: /livez, port: 8080}\n"
            "readinessProbe:\n  httpGet: {path: /ready, port: 8080}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      const doc::Node* live = c.Get("livenessProbe");
      const doc::Node* ready = c.Get("readinessProbe");
      if (!live || !ready || !live->IsMap() || !ready->IsMap()) continue;
      std::string_view lk, rk;
      const doc::Node* la = Action(live, &lk);
      const doc::Node* ra = Action(ready, &rk);
      if (!la || !ra || lk != rk || !SameTree(la, ra)) continue;
      ForContainer(out.Reportf(*this, o, live, c.Path(pod.spec_path) + ".livenessProbe",
                               "container '{}' livenessProbe calls the same {} check as its "
                               "readinessProbe",
                               c.name, lk),
                   c);
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::IdenticalProbes)
