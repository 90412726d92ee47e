// src/k8s/api_lifecycle.h
//
// Whether a Kubernetes release serves an apiVersion/kind, and if not since when. Two sources:
// the embedded schemas (schema.h: a kind served by an earlier embedded release and not by the
// target was removed; an alpha/beta version served next to a stable one is deprecated) and a
// table of the removals and deprecations older than the embedded releases (extensions/v1beta1,
// policy/v1beta1 PodSecurityPolicy, InitializerConfiguration, ...).
#pragma once

#include <string>
#include <string_view>

namespace gori::k8s {

struct ApiLifecycle {
  enum class State : uint8_t { kUnknown, kServed, kDeprecated, kRemoved };
  State state = State::kUnknown;
  int deprecated = 0;  // minor release that deprecated it (0: unknown)
  int removed = 0;     // minor release that removed it (0: not scheduled)
  std::string replacement;
};

// The lifecycle of `api_version` `kind` at Kubernetes 1.`minor`.
ApiLifecycle LifecycleAt(std::string_view api_version, std::string_view kind, int minor);

}  // namespace gori::k8s
