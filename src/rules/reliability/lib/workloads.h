// Helpers for reliability rules: int-or-percent values (maxUnavailable, minAvailable, ...),
// the workload kinds that roll out replicas, and where to point when a workload lacks
// something.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "k8s/object.h"
#include "rules/index.h"
#include "rules/pod_util.h"

namespace gori::rules {

struct IntOrPercent {
  int64_t value = 0;
  bool percent = false;
  bool IsZero() const { return value == 0; }
};

// 3, "3" or "25%"; nullopt for anything else (or a missing node).
inline std::optional<IntOrPercent> ParseIntOrPercent(const doc::Node* n) {
  if (!n || !n->IsScalar() || n->IsNull()) return std::nullopt;
  if (auto v = n->AsInt()) return IntOrPercent{*v, false};
  std::string_view t = n->text();
  bool percent = !t.empty() && t.back() == '%';
  if (percent) t.remove_suffix(1);
  if (t.empty()) return std::nullopt;
  int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
    if (v > 1'000'000'000) return std::nullopt;
  }
  return IntOrPercent{v, percent};
}

// Deployment-like workloads whose replicas a PodDisruptionBudget or spreading protects:
// Deployment, StatefulSet, Argo Rollout, OpenKruise CloneSet (not the ReplicaSets that
// Deployments own, which would repeat every finding).
inline bool IsRolledOut(const k8s::Object& o) {
  if (!o.pod()) return false;
  if (IsBuiltinGroup(o.group())) return o.kind() == "Deployment" || o.kind() == "StatefulSet";
  return (o.kind() == "Rollout" && o.group() == "argoproj.io") ||
         (o.kind() == "CloneSet" && o.group() == "apps.kruise.io");
}

// The most replicas the workload runs: an HPA's maxReplicas when one scales it, else
// spec.replicas.
inline std::optional<int64_t> MaxReplicaCount(const Context& ctx, const k8s::Object& o) {
  for (const k8s::Object* h : ctx.index.HpasTargeting(o)) {
    const doc::Node* max = h->spec() ? h->spec()->Get("maxReplicas") : nullptr;
    return max ? max->AsInt() : std::nullopt;
  }
  return ReplicaCount(o);
}

// metadata.name when present (the usual place to point at an object as a whole), else root.
inline const doc::Node* NameAnchor(const k8s::Object& o) {
  const doc::Node* n = o.metadata() ? o.metadata()->Get("name") : nullptr;
  return n ? n : o.root();
}

// spec when it is a map, else the object's root.
inline const doc::Node* SpecAnchor(const k8s::Object& o) {
  const doc::Node* s = o.spec();
  return s && s->IsMap() ? s : o.root();
}

}  // namespace gori::rules
