// rel-spread-selector: a spreading rule that does not count the pods it should spread.
#include <fmt/format.h>

#include "k8s/selector.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class SpreadSelector final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-spread-selector",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary =
            "a topology spread or anti-affinity selector does not match the pod's own "
            "labels",
        .rationale =
            "A topologySpreadConstraint counts the pods its labelSelector matches; if "
            "that excludes the pod's own replicas (a typo, a renamed label) nothing is "
            "spread. Anti-affinity may legitimately target other apps, so it is "
            "reported only when its selector matches neither this pod nor any pod of "
            "the namespace in the bundle. Labels controllers add (pod-template-hash, "
            "...) count as present; terms with namespaces or namespaceSelector are "
            "skipped.",
        .remediation =
            "Use the pod template's own labels in the selector (matchLabelKeys: "
            "[pod-template-hash] narrows it to one rollout).",
        .failing_example =
            "labels: {app: api}\ntopologySpreadConstraints:\n- labelSelector: "
            "{matchLabels: {app: apii}}",
        .passing_example =
            "labels: {app: api}\ntopologySpreadConstraints:\n- labelSelector: "
            "{matchLabels: {app: api}}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || !RunsLongLived(o)) return;
    const k8s::PodSpec& pod = *o.pod();
    if (const doc::Node* tsc = pod.Get("topologySpreadConstraints")) {
      auto items = tsc->items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        const doc::Node* c = items[i];
        auto path = [&] {
          return fmt::format("{}.topologySpreadConstraints[{}]", pod.spec_path, i);
        };
        const doc::Node* sel = c->Get("labelSelector");
        if (!sel || sel->IsNull()) {
          out.Reportf(*this, o, c, path(),
                      "topology spread constraint on '{}' has no labelSelector and counts no pods",
                      Text(c->Get("topologyKey")));
          continue;
        }
        auto s = k8s::Selector::FromLabelSelector(sel, false);
        if (s && !s->MatchesTemplate(pod.labels())) {
          out.Reportf(*this, o, sel, path() + ".labelSelector",
                      "topology spread constraint on '{}' does not select the pod's own labels",
                      Text(c->Get("topologyKey")));
        }
      }
    }
    const doc::Node* aff = pod.Get("affinity");
    const doc::Node* anti = aff ? aff->Get("podAntiAffinity") : nullptr;
    if (!anti) return;
    std::string base = pod.spec_path + ".affinity.podAntiAffinity";
    if (const doc::Node* req = anti->Get("requiredDuringSchedulingIgnoredDuringExecution")) {
      uint32_t i = 0;
      for (const doc::Node* t : req->items()) {
        CheckTerm(ctx, o, t,
                  fmt::format("{}.requiredDuringSchedulingIgnoredDuringExecution[{}]", base, i++),
                  out);
      }
    }
    if (const doc::Node* pref = anti->Get("preferredDuringSchedulingIgnoredDuringExecution")) {
      uint32_t i = 0;
      for (const doc::Node* w : pref->items()) {
        CheckTerm(ctx, o, w->Get("podAffinityTerm"),
                  fmt::format("{}.preferredDuringSchedulingIgnoredDuringExecution[{}]"
                              ".podAffinityTerm",
                              base, i++),
                  out);
      }
    }
  }

 private:
  void CheckTerm(const Context& ctx, const k8s::Object& o, const doc::Node* term,
                 const std::string& path, Sink& out) const {
    if (!term || !term->IsMap() || term->Get("namespaces") || term->Get("namespaceSelector")) {
      return;
    }
    const doc::Node* sel = term->Get("labelSelector");
    auto s = k8s::Selector::FromLabelSelector(sel, false);
    if (!s || !sel || s->MatchesTemplate(o.pod()->labels())) return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.PodsKnown(ns) || !ctx.index.SelectPodOwners(ns, *s).empty()) return;
    out.Reportf(*this, o, sel, path + ".labelSelector",
                "anti-affinity on '{}' selects neither this pod nor any pod in namespace '{}'",
                Text(term->Get("topologyKey")), Index::Shown(ns));
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SpreadSelector)
