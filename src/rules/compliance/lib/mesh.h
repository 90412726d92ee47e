// src/rules/compliance/lib/mesh.h
//
// Istio mutual TLS as PeerAuthentication (security.istio.io) objects in the bundle declare it.
// A namespace's mode comes from a selector-less PeerAuthentication in that namespace (the first
// in bundle order when several exist), else from a selector-less one in the mesh root namespace
// (mesh-wide), else it is unknown: with no policy Istio runs PERMISSIVE, but the bundle cannot
// tell whether Istio is installed at all. `mode: UNSET` (or no mtls block) inherits from the next
// level up. Workload-level (selector) policies and portLevelMtls are reported by the rule, not
// folded into the namespace mode. Pure functions.
#pragma once

#include <string_view>

#include "k8s/object.h"
#include "rules/compliance/lib/options.h"
#include "rules/index.h"

namespace gori::rules {

bool IsPeerAuthentication(const k8s::Object& o);
// The declared mode of one PeerAuthentication's `spec.mtls.mode` ("" when absent or UNSET).
std::string_view DeclaredMode(const k8s::Object& peer_authentication);
const doc::Node* ModeNode(const k8s::Object& peer_authentication);
bool HasSelector(const k8s::Object& peer_authentication);

struct NamespaceMtls {
  std::string_view mode;                // STRICT | PERMISSIVE | DISABLE, or "" when unknown
  const k8s::Object* source = nullptr;  // the PeerAuthentication that decides it
  bool mesh_wide = false;               // decided by the root namespace's policy
};
NamespaceMtls MtlsOf(const ComplianceOptions& options, const Index& index, std::string_view ns);

}  // namespace gori::rules
