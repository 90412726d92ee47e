// PodDisruptionBudget helpers for the rel-pdb-* rules.
#pragma once

#include "rules/pod_util.h"

namespace gori::rules {

inline bool IsPdb(const k8s::Object& o) { return IsBuiltinKind(o, "PodDisruptionBudget"); }

}  // namespace gori::rules
