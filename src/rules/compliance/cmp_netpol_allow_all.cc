// cmp-netpol-allow-all: a NetworkPolicy rule that admits every peer on every port undoes the
// segmentation the namespace's policies exist for.
#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/netpol.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class CmpNetpolAllowAll final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "cmp-netpol-allow-all",
        .family = Family::kCompliance,
        .severity = Severity::kMedium,
        .summary = "NetworkPolicy rule allows every peer on every port",
        .rationale =
            "A rule without from/to, with `namespaceSelector: {}`, or with ipBlock 0.0.0.0/0 "
            "and no except, and without ports, admits all traffic in its direction: the "
            "selected pods are as open as if no policy existed.",
        .remediation =
            "Name the peers (podSelector / namespaceSelector with labels, or specific CIDRs) "
            "and the ports each flow needs.",
        .enabled_by_default = false,
        .failing_example = "ingress:\n- {}   # every source, every port",
        .passing_example =
            "ingress:\n- from:\n  - podSelector:\n      matchLabels: {app: gateway}\n"
            "  ports:\n  - {port: 8443}",
        .cross_resource = false,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsNetworkPolicy(o)) return;
    std::string_view ns = Index::Namespace(o);
    if (ctx.config.IsSystemNamespace(ns)) return;
    const doc::Node* spec = o.spec();
    if (!spec || !spec->IsMap()) return;
    auto types = EffectivePolicyTypes(spec);
    auto cls = Classify(ctx.config.compliance, ctx.index, ns);
    for (Direction d : {Direction::kIngress, Direction::kEgress}) {
      if (!types.Has(d)) continue;  // the API server ignores rules of a direction not in force
      auto rules = DirectionRules(spec, d);
      for (std::size_t i = 0; i < rules.size(); ++i) {
        const doc::Node* r = rules[i];
        if (!r->IsMap() || !PortsUnrestricted(r)) continue;
        const doc::Node* peers = r->Get(PeersKey(d));
        std::string path = fmt::format("spec.{}[{}]", RulesKey(d), i);
        std::string_view dir = d == Direction::kIngress ? "from" : "to";
        if (!peers || peers->IsNull() || (peers->IsSeq() && peers->size() == 0)) {
          out.Reportf(*this, o, r, path,
                      "NetworkPolicy '{}' {} rule {} has no '{}' and no ports: it allows all "
                      "{} traffic",
                      o.name(), RulesKey(d), i, dir,
                      d == Direction::kIngress ? "inbound" : "outbound")
              .severity = RaiseIf(cls.regulated(), Severity::kMedium, Severity::kHigh);
          continue;
        }
        if (!peers->IsSeq()) continue;
        for (std::size_t j = 0; j < peers->size(); ++j) {
          const doc::Node* peer = peers->items()[j];
          if (!PeerAllowsEverything(peer)) continue;
          out.Reportf(*this, o, peer, fmt::format("{}.{}[{}]", path, dir, j),
                      "NetworkPolicy '{}' {} rule {} allows every {} on every port", o.name(),
                      RulesKey(d), i, d == Direction::kIngress ? "source" : "destination")
              .severity = RaiseIf(cls.regulated(), Severity::kMedium, Severity::kHigh);
          break;
        }
      }
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::CmpNetpolAllowAll)
