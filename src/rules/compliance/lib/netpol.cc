#include "rules/compliance/lib/netpol.h"

#include <charconv>

#include "rules/compliance/lib/namespaces.h"

namespace gori::rules {
namespace {

bool EmptyOrAbsent(const doc::Node* n) {
  if (!n || n->IsNull()) return true;
  if (n->IsSeq() || n->IsMap()) return n->size() == 0;
  return false;
}

// A LabelSelector that selects everything: absent, null, `{}`, or only empty matchLabels /
// matchExpressions.
bool EmptySelector(const doc::Node* sel) {
  if (!sel || sel->IsNull()) return true;
  if (!sel->IsMap()) return false;
  return EmptyOrAbsent(sel->Get("matchLabels")) && EmptyOrAbsent(sel->Get("matchExpressions"));
}

std::optional<uint64_t> ParseUint(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string_view DirectionName(Direction d) {
  return d == Direction::kIngress ? "Ingress" : "Egress";
}
std::string_view RulesKey(Direction d) { return d == Direction::kIngress ? "ingress" : "egress"; }
std::string_view PeersKey(Direction d) { return d == Direction::kIngress ? "from" : "to"; }

bool IsNetworkPolicy(const k8s::Object& o) {
  return o.kind() == "NetworkPolicy" &&
         (o.group() == "networking.k8s.io" || o.group() == "extensions");
}

bool SelectsAllPods(const doc::Node* spec) {
  return EmptySelector(spec ? spec->Get("podSelector") : nullptr);
}

std::span<const doc::Node* const> DirectionRules(const doc::Node* spec, Direction d) {
  const doc::Node* rules = spec ? spec->Get(RulesKey(d)) : nullptr;
  if (!rules || !rules->IsSeq()) return {};
  return rules->items();
}

bool IsDefaultDeny(const k8s::Object& policy, Direction d) {
  if (!IsNetworkPolicy(policy)) return false;
  const doc::Node* spec = policy.spec();
  if (!spec || !spec->IsMap()) return false;
  if (!SelectsAllPods(spec)) return false;
  if (!EffectivePolicyTypes(spec).Has(d)) return false;
  return EmptyOrAbsent(spec->Get(RulesKey(d)));
}

const k8s::Object* FindDefaultDeny(const Index& index, std::string_view ns, Direction d) {
  for (const k8s::Object* p : index.OfKind("NetworkPolicy")) {
    if (Index::Namespace(*p) == ns && IsDefaultDeny(*p, d)) return p;
  }
  return nullptr;
}

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  uint32_t ip = 0;
  for (int i = 0; i < 4; ++i) {
    std::size_t dot = i < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    std::string_view part = text.substr(0, dot);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return std::nullopt;
    auto v = ParseUint(part);
    if (!v || *v > 255) return std::nullopt;
    ip = (ip << 8) | static_cast<uint32_t>(*v);
    text = i < 3 ? text.substr(dot + 1) : std::string_view();
  }
  return ip;
}

std::optional<Cidr4> ParseCidr4(std::string_view text) {
  std::size_t slash = text.find('/');
  auto ip = ParseIpv4(text.substr(0, slash));
  if (!ip) return std::nullopt;
  Cidr4 c;
  c.prefix = 32;
  if (slash != std::string_view::npos) {
    auto p = ParseUint(text.substr(slash + 1));
    if (!p || *p > 32) return std::nullopt;
    c.prefix = static_cast<uint32_t>(*p);
  }
  uint32_t mask = c.prefix == 0 ? 0 : ~uint32_t{0} << (32 - c.prefix);
  c.base = *ip & mask;
  return c;
}

bool Cidr4::Contains(uint32_t ip) const {
  uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
  return (ip & mask) == base;
}

bool Cidr4::Covers(const Cidr4& other) const {
  return other.prefix >= prefix && Contains(other.base);
}

bool IsEverywhereCidr(std::string_view cidr) {
  if (auto c = ParseCidr4(cidr)) return c->prefix == 0;
  std::size_t slash = cidr.find('/');
  if (slash == std::string_view::npos || cidr.substr(slash + 1) != "0") return false;
  std::string_view addr = cidr.substr(0, slash);
  if (addr.find(':') == std::string_view::npos) return false;
  for (char ch : addr) {
    if (ch != ':' && ch != '0') return false;
  }
  return true;
}

bool PeerAllowsEverything(const doc::Node* peer) {
  if (!peer || !peer->IsMap()) return false;
  if (peer->size() == 0) return true;
  const doc::Node* block = peer->Get("ipBlock");
  if (block && block->IsMap()) {
    return IsEverywhereCidr(ScalarText(block->Get("cidr"))) && EmptyOrAbsent(block->Get("except"));
  }
  const doc::Node* ns_sel = peer->Get("namespaceSelector");
  if (!ns_sel || ns_sel->IsNull()) return false;  // pods of the policy's own namespace only
  return EmptySelector(ns_sel) && EmptySelector(peer->Get("podSelector"));
}

bool PortsUnrestricted(const doc::Node* rule) {
  return EmptyOrAbsent(rule ? rule->Get("ports") : nullptr);
}

bool RuleAdmitsTcpPort(const doc::Node* rule, int64_t port) {
  const doc::Node* ports = rule ? rule->Get("ports") : nullptr;
  if (EmptyOrAbsent(ports)) return true;
  if (!ports->IsSeq()) return false;
  for (const doc::Node* p : ports->items()) {
    if (!p->IsMap()) continue;
    std::string_view proto = ScalarText(p->Get("protocol"));
    if (!proto.empty() && proto != "TCP") continue;
    const doc::Node* num = p->Get("port");
    if (!num || num->IsNull()) return true;
    auto v = num->AsInt();
    if (!v) continue;  // a named port
    auto end = p->Get("endPort") ? p->Get("endPort")->AsInt() : std::nullopt;
    if (*v == port || (end && *v <= port && port <= *end)) return true;
  }
  return false;
}

}  // namespace gori::rules
