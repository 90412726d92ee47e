// rel-probe-timing: probe settings that make probes flap or restart slow starters.
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

int64_t IntOr(const doc::Node* probe, std::string_view key, int64_t fallback) {
  const doc::Node* n = probe->Get(key);
  auto v = n ? n->AsInt() : std::nullopt;
  return v ? *v : fallback;
}

class ProbeTiming final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-probe-timing",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary =
            "timeoutSeconds ≥ periodSeconds, liveness failureThreshold 1, or a long "
            "liveness initialDelaySeconds without a startupProbe",
        .rationale =
            "A timeout as long as the period makes probes overlap and pile up on a "
            "slow process; a liveness failureThreshold of 1 restarts the container on "
            "the first slow answer (one GC pause); a liveness initialDelaySeconds over "
            "60 s delays detection of every later hang too, where a startupProbe "
            "would cover only the start. Defaults are applied (timeout 1 s, period "
            "10 s, failureThreshold 3).",
        .remediation =
            "Keep timeoutSeconds below periodSeconds, use failureThreshold ≥ 3 for "
            "liveness, and move slow starts into a startupProbe.",
        .failing_example =
            "livenessProbe:\n  httpGet: {path: /livez, port: 8080}\n  "
            "failureThreshold: 1",
        .passing_example =
            "livenessProbe:\n  httpGet: {path: /livez, port: 8080}\n  "
            "failureThreshold: 3",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod()) return;
    const k8s::PodSpec& pod = *o.pod();
    for (const auto& c : pod.containers) {
      for (const Handler& h : Handlers(pod, c)) {
        if (h.name == "postStart" || h.name == "preStop") continue;
        int64_t timeout = IntOr(h.node, "timeoutSeconds", 1);
        int64_t period = IntOr(h.node, "periodSeconds", 10);
        if (timeout >= period) {
          const doc::Node* at = h.node->Get("timeoutSeconds");
          ForContainer(out.Reportf(*this, o, at ? at : h.node, h.Path() + ".timeoutSeconds",
                                   "container '{}' {} timeoutSeconds {} is not below periodSeconds "
                                   "{}",
                                   c.name, h.name, timeout, period),
                       c);
        }
        if (h.name != "livenessProbe") continue;
        if (const doc::Node* ft = h.node->Get("failureThreshold"); ft && ft->AsInt() == 1) {
          ForContainer(out.Reportf(*this, o, ft, h.Path() + ".failureThreshold",
                                   "container '{}' livenessProbe restarts it after a single "
                                   "failure",
                                   c.name),
                       c);
        }
        const doc::Node* delay = h.node->Get("initialDelaySeconds");
        auto d = delay ? delay->AsInt() : std::nullopt;
        const doc::Node* startup = c.Get("startupProbe");
        if (d && *d > 60 && (!startup || startup->IsNull())) {
          ForContainer(out.Reportf(*this, o, delay, h.Path() + ".initialDelaySeconds",
                                   "container '{}' livenessProbe waits {} s before its first "
                                   "check; use a startupProbe for slow starts",
                                   c.name, *d),
                       c);
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::ProbeTiming)
