// net-policy-peer-selects-nothing: an allow rule for pods that do not exist.
#include <fmt/format.h>

#include "k8s/selector.h"
#include "rules/index.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class PolicyPeerSelectsNothing final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "net-policy-peer-selects-nothing",
        .family = Family::kNetwork,
        .severity = Severity::kLow,
        .summary = "a from/to podSelector matches no pod of the bundle",
        .rationale =
            "A peer that matches nothing allows nothing: the traffic the rule was "
            "written for is dropped (a label typo), or the rule is stale. Only peers "
            "of the policy's own namespace are judged: peers with a namespaceSelector "
            "reach other namespaces the bundle may not hold, `podSelector: {}` "
            "matches every pod, and a section the policyTypes leave out (egress "
            "under policyTypes: [Ingress]; the default is [Ingress] plus Egress when "
            "egress rules exist) has no effect. Speaks only when the bundle holds the "
            "namespace's pods (see net-policy-selects-nothing).",
        .remediation = "Fix the peer's labels, or delete the stale rule.",
        .failing_example = "ingress:\n- from:\n  - podSelector: {matchLabels: {app: gatewy}}",
        .passing_example = "ingress:\n- from:\n  - podSelector: {matchLabels: {app: gateway}}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsBuiltinKind(o, "NetworkPolicy") || !o.spec()) return;
    std::string_view ns = Index::Namespace(o);
    if (!ctx.index.PodsKnown(ns)) return;
    PolicyTypes types = EffectivePolicyTypes(o);
    for (auto [section, peers_key] :
         {std::pair<std::string_view, std::string_view>{"ingress", "from"}, {"egress", "to"}}) {
      // A section its policyTypes leave out has no effect (policyTypes defaults to [Ingress],
      // plus Egress when egress rules exist).
      if (section == "ingress" ? !types.ingress : !types.egress) continue;
      const doc::Node* rules = o.spec()->Get(section);
      if (!rules) continue;
      uint32_t i = 0;
      for (const doc::Node* r : rules->items()) {
        const doc::Node* peers = r->Get(peers_key);
        uint32_t j = 0;
        for (const doc::Node* p : peers ? peers->items() : std::span<const doc::Node* const>()) {
          const doc::Node* sel = p->Get("podSelector");
          if (sel && !p->Get("namespaceSelector")) {
            auto s = k8s::Selector::FromLabelSelector(sel, true);
            if (s && !s->SelectsAll() && ctx.index.SelectPodOwners(ns, *s).empty()) {
              out.Reportf(*this, o, sel,
                          fmt::format("spec.{}[{}].{}[{}].podSelector", section, i, peers_key, j),
                          "NetworkPolicy '{}' {} rule {} names pods that do not exist in "
                          "namespace '{}'",
                          o.name(), section, i, Index::Shown(ns));
            }
          }
          ++j;
        }
        ++i;
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::PolicyPeerSelectsNothing)
