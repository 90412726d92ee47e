// src/rules/compliance/lib/netpol.h
//
// NetworkPolicy (networking.k8s.io/v1) semantics the compliance rules need, exactly as the API
// server applies them:
//  - policyTypes: when the list is absent or empty the API server defaults it to [Ingress], plus
//    Egress when the policy has at least one egress rule (`egress: []` adds nothing). A list
//    that is given is used as written; rules of a direction that is not in it are ignored.
//  - podSelector: absent, null and `{}` all decode to the empty LabelSelector, which selects
//    every pod of the namespace.
//  - A direction's rule list that is absent, null or empty denies all traffic in that direction
//    for the selected pods (when the direction is in policyTypes); a rule without from/to allows
//    every peer; a rule without ports allows every port.
// Other policy engines (Calico, Cilium, AdminNetworkPolicy) are not read. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "k8s/object.h"
#include "rules/index.h"

namespace gori::rules {

std::string_view DirectionName(Direction d);  // "Ingress", "Egress"
std::string_view RulesKey(Direction d);       // "ingress", "egress"
std::string_view PeersKey(Direction d);       // "from", "to"

bool IsNetworkPolicy(const k8s::Object& o);

// PolicyTypes, Direction and EffectivePolicyTypes: rules/index.h.

bool SelectsAllPods(const doc::Node* spec);

// The policy denies every connection in direction `d` for every pod of its namespace.
bool IsDefaultDeny(const k8s::Object& policy, Direction d);

// The first NetworkPolicy of `ns` (bundle order) that is a default deny for `d`, or null.
const k8s::Object* FindDefaultDeny(const Index& index, std::string_view ns, Direction d);

// IPv4 CIDR. Parse accepts "a.b.c.d/n" and a bare address (/32).
struct Cidr4 {
  uint32_t base = 0;
  uint32_t prefix = 0;
  bool Contains(uint32_t ip) const;
  bool Covers(const Cidr4& other) const;  // every address of `other` is in this block
};
std::optional<Cidr4> ParseCidr4(std::string_view text);
std::optional<uint32_t> ParseIpv4(std::string_view text);

// "0.0.0.0/0" or "::/0" (any spelling of the IPv6 zero address).
bool IsEverywhereCidr(std::string_view cidr);

// A peer that admits every source/destination: an empty peer, `namespaceSelector: {}` with no
// or an empty podSelector, or an ipBlock of 0.0.0.0/0 or ::/0 without `except`.
bool PeerAllowsEverything(const doc::Node* peer);
// A rule's `ports` that admits every port: absent, null or empty.
bool PortsUnrestricted(const doc::Node* rule);
// A rule admits (TCP) port `port`: no ports, or an entry with no port, or a matching number or
// range. Named ports never match (an ipBlock destination has no named ports).
bool RuleAdmitsTcpPort(const doc::Node* rule, int64_t port);

// The rules of direction `d` as a sequence (empty span when absent or not a list).
std::span<const doc::Node* const> DirectionRules(const doc::Node* spec, Direction d);

}  // namespace gori::rules
