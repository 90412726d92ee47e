#include "rules/compliance/lib/default_deny.h"

#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/config.h"

namespace gori::rules {

const doc::Node* NameOrMetadataAnchor(const k8s::Object& o) {
  if (o.metadata()) {
    if (const doc::Node* n = o.metadata()->Get("name")) return n;
    return o.metadata();
  }
  return o.root();
}

void CheckDefaultDeny(const Rule& rule, Direction d, const Context& ctx, const k8s::Object& o,
                      Sink& out) {
  std::string_view ns;
  if (!IsNamespaceAnchor(ctx, o, ns)) return;
  if (FindDefaultDeny(ctx.index, ns, d)) return;
  std::string why;
  for (const k8s::Object* p : ctx.index.OfKind("NetworkPolicy")) {
    if (Index::Namespace(*p) != ns || !IsNetworkPolicy(*p)) continue;
    const doc::Node* spec = p->spec();
    if (!spec || !SelectsAllPods(spec) || !DirectionRules(spec, d).empty()) continue;
    PolicyTypes types = EffectivePolicyTypes(spec);
    if (types.Has(d)) continue;
    why = types.defaulted
              ? fmt::format(
                    "; NetworkPolicy '{}' selects every pod but has no policyTypes, so the API "
                    "server sets [Ingress] (Egress only when it has egress rules) and it does "
                    "not restrict {}",
                    p->name(), DirectionName(d))
              : fmt::format("; NetworkPolicy '{}' selects every pod but its policyTypes lack {}",
                            p->name(), DirectionName(d));
    break;
  }
  auto cls = Classify(ctx.config.compliance, ctx.index, ns);
  bool raise = d == Direction::kIngress ? cls.regulated() : cls.regulated() || cls.internal();
  std::string_view where = o.kind() == "Namespace" ? "" : " (reported on its first workload)";
  out.Reportf(rule, o, NameOrMetadataAnchor(o), "",
              "namespace '{}'{} has no default-deny {} NetworkPolicy (podSelector: {{}}, {} in "
              "policyTypes, no {} rules){}",
              ns, where, RulesKey(d), DirectionName(d), RulesKey(d), why)
      .severity = raise ? Severity::kHigh : rule.Info().severity;
}

}  // namespace gori::rules
