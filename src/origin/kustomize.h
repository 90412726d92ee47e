// src/origin/kustomize.h
//
// Kustomize inputs: rendering a directory with `kubectl kustomize` (kubectl ships kustomize),
// and reading the `config.kubernetes.io/origin` annotation kustomize adds to every object when
// the kustomization sets `buildMetadata: [originAnnotations]`. Its `path:` names the file the
// object came from, relative to the directory that was built.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/source.h"

namespace gori::origin {

inline constexpr std::string_view kOriginAnnotation = "config.kubernetes.io/origin";

struct KustomizeOrigin {
  std::string_view path;           // file of a resource, relative to the built directory
  std::string_view repo;           // set for a remote resource
  std::string_view configured_in;  // generated objects: the kustomization that configured them
};

// Reads the annotation's YAML text (top-level "path:", "repo:", "configuredIn:" lines). Nothing
// when it names neither a path nor a configuring file.
std::optional<KustomizeOrigin> ParseOriginAnnotation(std::string_view text);

// The kustomization file in `dir` (kustomization.yaml, kustomization.yml, Kustomization), or
// empty when there is none.
std::string FindKustomization(const std::string& dir);

// Whether kubectl is in PATH, and what to do when it is not (said the way a user can act on).
bool KubectlAvailable();
std::string KubectlMissingMessage();

struct KustomizeRun {
  std::unique_ptr<Source> source;  // the rendered YAML, named after the kustomization file
  std::string kustomization;       // that file's path
};

// Runs `kubectl kustomize dir`. Errors: no kustomization in dir, kubectl missing (message from
// KubectlMissingMessage), or kubectl failing (its own message, trimmed).
Result<KustomizeRun> RunKustomize(const std::string& dir, int timeout_ms = 120'000);

}  // namespace gori::origin
