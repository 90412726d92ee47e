// src/rules/compliance/cmp_default_deny_util.h
//
// The shared check of cmp-default-deny-ingress and cmp-default-deny-egress: once per namespace
// that runs workloads (see IsNamespaceAnchor), report when no NetworkPolicy of the namespace is
// a default deny for the direction (cmp_netpol_util.h has the exact semantics). When a
// namespace-wide policy comes close - it selects every pod and has no rules for the direction
// but the direction is not in its (possibly defaulted) policyTypes - the message says why it
// does not count.
#pragma once

#include "k8s/object.h"
#include "rules/compliance/cmp_netpol_util.h"
#include "rules/rule.h"

namespace gori::rules::compliance {

void CheckDefaultDeny(const Rule& rule, Direction d, const Context& ctx, const k8s::Object& o,
                      Sink& out);

// Where once-per-namespace findings point: metadata.name, else metadata, else the root.
const doc::Node* NameAnchor(const k8s::Object& o);

}  // namespace gori::rules::compliance
