// src/rules/pod_util.h
//
// Small helpers shared by pod rules: the kinds whose pods run for a long time, Windows pods,
// and a "missing field" anchor (the closest existing parent) for findings.
#pragma once

#include <string>
#include <string_view>

#include "k8s/object.h"

namespace gori::rules {

// Pods expected to keep running (Deployments, StatefulSets, DaemonSets, ReplicaSets, RCs,
// Rollouts, CloneSets, Knative Services, and bare Pods with restartPolicy Always).
bool RunsLongLived(const k8s::Object& o);
// spec.os.name == "windows": Linux-only security fields do not apply.
bool IsWindowsPod(const k8s::PodSpec& pod);
// True when `n` is a YAML/JSON boolean true.
inline bool IsTrue(const doc::Node* n) { return n && n->AsBool().value_or(false); }
inline bool IsFalse(const doc::Node* n) { return n && n->IsBool() && !*n->AsBool(); }
// The container's securityContext node when present, else the container itself.
const doc::Node* SecurityAnchor(const k8s::Container& c);

}  // namespace gori::rules
