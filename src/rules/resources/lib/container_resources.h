// Container resources for the res-* rules: where a request or limit is (or would be), what
// counts as set (a limit alone defaults the request), and the shared "missing" check.
#pragma once

#include <string_view>

#include "k8s/object.h"
#include "rules/rule.h"

namespace gori::rules {

// spec.resources.<group>.<name> (pod-level resources, Kubernetes 1.32+), or null.
const doc::Node* PodLevelResource(const k8s::PodSpec& pod, std::string_view group,
                                  std::string_view name);
// The container's resources.<group>.<name>, or null.
const doc::Node* ContainerResource(const k8s::Container& c, std::string_view group,
                                   std::string_view name);
// The request as the API server sees it: resources.requests.<name>, else the limit it is
// defaulted from.
const doc::Node* EffectiveRequest(const k8s::Container& c, std::string_view name);

// Reports every container (ephemeral ones cannot have resources) that lacks
// resources.<group>.<name>, unless pod-level resources set it. `what` names it in messages
// ("cpu request"); the finding points at the closest existing parent.
void ReportMissingResource(const Rule& rule, const k8s::Object& o, Sink& out,
                           std::string_view group, std::string_view name, std::string_view what);

}  // namespace gori::rules
