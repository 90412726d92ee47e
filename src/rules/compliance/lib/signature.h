// src/rules/compliance/lib/signature.h
//
// Admission policies in the bundle that verify image signatures, and whether one covers a
// namespace:
//  - Kyverno ClusterPolicy / Policy (kyverno.io) with a rule that has verifyImages entries. A
//    Policy covers its own namespace; a ClusterPolicy rule covers a namespace unless its match
//    block restricts namespaces (resources.namespaces globs, resources.namespaceSelector; in
//    `match.any` one filter must admit the namespace, in `match.all` every one) or an exclude
//    filter names the namespace.
//  - Kyverno ImageValidatingPolicy (policies.kyverno.io): cluster-wide, narrowed by
//    spec.matchConstraints.namespaceSelector when present.
//  - Sigstore policy-controller ClusterImagePolicy (policy.sigstore.dev): covers namespaces
//    labelled policy.sigstore.dev/include: "true" (the controller's opt-in).
// Pure functions.
#pragma once

#include "k8s/object.h"
#include "rules/index.h"

namespace gori::rules {

// The first policy in bundle order that covers the Namespace object's namespace, or null.
const k8s::Object* SignaturePolicyFor(const Index& index, const k8s::Object& ns_object);

}  // namespace gori::rules
