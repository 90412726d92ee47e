// rel-graceful-shutdown: pods that stop before the load balancers stop sending to them.
#include <charconv>

#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Seconds a preStop handler sleeps: `sleep: {seconds: N}` or an exec of `sleep N`.
std::optional<int64_t> PreStopSleep(const doc::Node* pre_stop) {
  if (const doc::Node* s = pre_stop->Get("sleep")) {
    const doc::Node* secs = s->Get("seconds");
    return secs ? secs->AsInt() : std::nullopt;
  }
  const doc::Node* exec = pre_stop->Get("exec");
  const doc::Node* cmd = exec ? exec->Get("command") : nullptr;
  if (!cmd) return std::nullopt;
  for (const doc::Node* part : cmd->items()) {
    std::string_view t = part->text();
    auto at = t.find("sleep ");
    if (at == std::string_view::npos) continue;
    t.remove_prefix(at + 6);
    int64_t v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec == std::errc()) return v;
  }
  // ["sleep", "15"] as separate items.
  auto items = cmd->items();
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    if (items[i]->text() != "sleep" && !items[i]->text().ends_with("/sleep")) continue;
    std::string_view t = items[i + 1]->text();
    int64_t v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec == std::errc()) return v;
  }
  return std::nullopt;
}

class GracefulShutdown final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-graceful-shutdown",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary =
            "Service-backed pod without a preStop delay, or a grace period shorter than "
            "its preStop sleep",
        .rationale =
            "When a pod is deleted, SIGTERM and the removal of its endpoint happen at "
            "the same time; kube-proxy, ingress controllers and cloud load balancers "
            "keep sending requests for a few seconds, which fail if the process has "
            "already stopped. A short preStop sleep covers that window; a "
            "terminationGracePeriodSeconds (default 30) not longer than the sleep "
            "kills the process before it can drain. Only containers of pods a Service "
            "in the bundle selects are reported, and only those that declare ports "
            "(or the first one when none does).",
        .remediation =
            "Add lifecycle.preStop: {sleep: {seconds: 5}} (or exec sleep) to serving "
            "containers and keep terminationGracePeriodSeconds above it.",
        .failing_example = "containers:\n- name: api\n  ports: [{containerPort: 8080}]",
        .passing_example =
            "containers:\n- name: api\n  ports: [{containerPort: 8080}]\n  "
            "lifecycle:\n    preStop:\n      sleep: {seconds: 5}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || !RunsLongLived(o) || ctx.index.ServicesSelecting(o).empty()) return;
    const k8s::PodSpec& pod = *o.pod();
    const doc::Node* grace_node = pod.Get("terminationGracePeriodSeconds");
    auto grace_v = grace_node ? grace_node->AsInt() : std::nullopt;
    int64_t grace = grace_v ? *grace_v : 30;
    bool any_ports = false;
    for (const auto& c : pod.containers) {
      const doc::Node* p = c.Get("ports");
      any_ports = any_ports || (c.kind == k8s::ContainerKind::kRegular && p && p->size() > 0);
    }
    bool first = true;
    for (const auto& c : pod.containers) {
      if (c.kind != k8s::ContainerKind::kRegular) continue;
      const doc::Node* p = c.Get("ports");
      bool serving = any_ports ? p && p->size() > 0 : first;
      first = false;
      if (!serving) continue;
      const doc::Node* lc = c.Get("lifecycle");
      const doc::Node* pre_stop = lc ? lc->Get("preStop") : nullptr;
      if (!pre_stop || !pre_stop->IsMap()) {
        ForContainer(out.Reportf(*this, o, c.node, c.Path(pod.spec_path),
                                 "container '{}' serves a Service but has no preStop delay; "
                                 "requests still routed to it fail during shutdown",
                                 c.name),
                     c);
        continue;
      }
      auto sleep = PreStopSleep(pre_stop);
      if (sleep && grace <= *sleep) {
        ForContainer(
            out.Reportf(*this, o, grace_node ? grace_node : pod.spec,
                        pod.spec_path + ".terminationGracePeriodSeconds",
                        "terminationGracePeriodSeconds {}{} is not longer than container '{}' "
                        "preStop sleep of {} s; the process is killed before it can drain",
                        grace, grace_node ? "" : " (default)", c.name, *sleep),
            c);
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::GracefulShutdown)
