// src/k8s/image.h
//
// Container image references as the container runtime resolves them:
// [registry/]repository[:tag][@digest]. The registry is the first path component when it
// contains '.' or ':' or is "localhost"; otherwise the image comes from Docker Hub
// ("docker.io"), whose single-component names live under "library/".
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace gori::k8s {

struct ImageRef {
  std::string registry;     // normalised: "docker.io" when implicit
  std::string repository;   // normalised: "library/nginx" for "nginx"
  std::string_view tag;     // empty when absent
  std::string_view digest;  // "sha256:..." or empty
  bool explicit_registry = false;

  // registry/repository, e.g. "docker.io/library/nginx".
  std::string Name() const { return registry + "/" + repository; }
};

Result<ImageRef> ParseImage(std::string_view image);

}  // namespace gori::k8s
