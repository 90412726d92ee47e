// HorizontalPodAutoscaler fields shared by the rel-hpa-* and rel-pdb-vs-hpa rules.
#pragma once

#include <optional>

#include "rules/pod_util.h"

namespace gori::rules {

inline bool IsHpa(const k8s::Object& o) { return IsBuiltinKind(o, "HorizontalPodAutoscaler"); }

// spec.minReplicas (default 1) with the node that sets it (null when defaulted).
struct HpaMin {
  int64_t value = 1;
  const doc::Node* node = nullptr;
};
inline std::optional<HpaMin> ReadHpaMin(const k8s::Object& hpa) {
  const doc::Node* spec = hpa.spec();
  const doc::Node* n = spec ? spec->Get("minReplicas") : nullptr;
  if (!n || n->IsNull()) return HpaMin{};
  auto v = n->AsInt();
  if (!v) return std::nullopt;
  return HpaMin{*v, n};
}

}  // namespace gori::rules
