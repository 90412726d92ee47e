// src/rules/compliance/lib/residency.h
//
// Which regions a pod can be scheduled in, as far as its manifest (and its Namespace) pins it:
//  - spec.nodeSelector on a region label (ComplianceOptions::region_labels),
//  - spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution: terms are ORed,
//    so the pod is pinned only when every term has an `In` expression on a region label; the
//    regions are the union over the terms (NotIn, Exists and preferred terms never pin),
//  - the Namespace annotation scheduler.alpha.kubernetes.io/node-selector (the PodNodeSelector
//    admission plugin merges it into every pod's nodeSelector).
// The constraints are ANDed: the result is the intersection of those present. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.h"
#include "rules/compliance/lib/options.h"

namespace gori::rules {

struct RegionPinning {
  bool pinned = false;
  std::vector<std::string> regions;  // sorted, unique; empty when pinned to an impossible set
  std::string source;                // "spec.nodeSelector", "required node affinity", ...
};

RegionPinning PinnedRegions(const ComplianceOptions& options, const k8s::PodSpec& pod,
                            const k8s::Object* ns_object);

inline constexpr std::string_view kNamespaceNodeSelector =
    "scheduler.alpha.kubernetes.io/node-selector";

}  // namespace gori::rules
