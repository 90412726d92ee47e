// src/rules/compliance/lib/default_deny.h
//
// The shared check of cmp-default-deny-ingress and cmp-default-deny-egress: once per namespace
// that runs workloads (see IsNamespaceAnchor), report when no NetworkPolicy of the namespace is
// a default deny for the direction (lib/netpol.h has the exact semantics). When a
// namespace-wide policy comes close - it selects every pod and has no rules for the direction
// but the direction is not in its (possibly defaulted) policyTypes - the message says why it
// does not count.
#pragma once

#include "k8s/object.h"
#include "rules/compliance/lib/netpol.h"
#include "rules/rule.h"

namespace gori::rules {

void CheckDefaultDeny(const Rule& rule, Direction d, const Context& ctx, const k8s::Object& o,
                      Sink& out);

// Where once-per-namespace findings point: metadata.name, else metadata, else the root.
const doc::Node* NameOrMetadataAnchor(const k8s::Object& o);

}  // namespace gori::rules
