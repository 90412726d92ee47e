// The ServiceAccount a pod runs as (serviceAccountName, else the deprecated serviceAccount,
// else "default"), for the service-account rules.
#pragma once

#include <string_view>

#include "k8s/pod.h"

namespace gori::rules {

struct PodAccount {
  std::string_view name;            // "default" when unset
  const doc::Node* node = nullptr;  // the field that names it; null when defaulted
  const char* field = "serviceAccountName";
};

inline PodAccount AccountOf(const k8s::PodSpec& pod) {
  for (const char* field : {"serviceAccountName", "serviceAccount"}) {
    const doc::Node* n = pod.Get(field);
    if (n && n->IsScalar() && !n->IsNull() && !n->text().empty()) return {n->text(), n, field};
  }
  return {"default", nullptr, "serviceAccountName"};
}

}  // namespace gori::rules
