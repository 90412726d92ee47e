// src/rules/pod_util.h
//
// Small helpers shared by rules: the kinds whose pods run for a long time, replica counts,
// Windows pods, probes and lifecycle handlers, structural comparison of subtrees, and a
// "missing field" anchor (the closest existing parent) for findings.
#pragma once

#include <array>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.h"
#include "rules/rule.h"

namespace gori::rules {

// Pods expected to keep running (Deployments, StatefulSets, DaemonSets, ReplicaSets, RCs,
// Rollouts, CloneSets, Knative Services, and bare Pods with restartPolicy Always).
bool RunsLongLived(const k8s::Object& o);
// spec.os.name == "windows": Linux-only security fields do not apply.
bool IsWindowsPod(const k8s::PodSpec& pod);
// True when `n` is a YAML/JSON boolean true.
inline bool IsTrue(const doc::Node* n) { return n && n->AsBool().value_or(false); }
inline bool IsFalse(const doc::Node* n) { return n && n->IsBool() && !*n->AsBool(); }
// Scalar text, or "" for null, missing, maps and sequences.
inline std::string_view Text(const doc::Node* n) {
  return n && n->IsScalar() && !n->IsNull() ? n->text() : std::string_view();
}
// The container's securityContext node when present, else the container itself.
const doc::Node* SecurityAnchor(const k8s::Container& c);
// The first of `nodes` that is a map, else `fallback` (for "missing field" positions).
const doc::Node* FirstMap(std::initializer_list<const doc::Node*> nodes, const doc::Node* fallback);

// `kind` of one of Kubernetes' own API groups (a Knative Service is not a "Service").
bool IsBuiltinKind(const k8s::Object& o, std::string_view kind);
// Workloads that run N interchangeable long-running replicas from spec.replicas:
// Deployment, StatefulSet, ReplicaSet, ReplicationController, Argo Rollout, OpenKruise CloneSet.
bool IsReplicated(const k8s::Object& o);
// spec.replicas of a replicated workload (1 when unset); nullopt for other objects or a
// value that is not an integer.
std::optional<int64_t> ReplicaCount(const k8s::Object& o);
// The fewest replicas the workload runs: an HPA's minReplicas (default 1) when one scales it,
// else ReplicaCount().
std::optional<int64_t> MinReplicaCount(const Context& ctx, const k8s::Object& o);

// A probe or lifecycle handler of a container. The path is built only when asked for (a
// finding needs it; a clean review never does).
struct Handler {
  std::string_view name;  // "livenessProbe", "readinessProbe", "startupProbe", "postStart", ...
  const doc::Node* node;  // the probe / handler map
  const k8s::PodSpec* pod;
  const k8s::Container* container;
  // "<container>.livenessProbe", "<container>.lifecycle.preStop"
  std::string Path() const;
};
// At most three probes and two lifecycle handlers, in that order.
struct HandlerList {
  std::array<Handler, 5> items;
  std::size_t size = 0;
  const Handler* begin() const { return items.data(); }
  const Handler* end() const { return items.data() + size; }
};
HandlerList Handlers(const k8s::PodSpec& pod, const k8s::Container& c);

// Structural equality: same kinds, same scalar text, same keys with equal values (order-free).
bool SameTree(const doc::Node* a, const doc::Node* b);

// Sets the finding's container and returns it (for `Report(...).container = ...` one-liners).
inline Finding& ForContainer(Finding& f, const k8s::Container& c) {
  f.container = std::string(c.name);
  return f;
}

}  // namespace gori::rules
