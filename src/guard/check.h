// src/guard/check.h
//
// `gori check` as one call: read the inputs (files, directories, stdin, `kubectl kustomize`
// output) into a k8s::Bundle, skipping the configured ignore_paths, then run the Guard over
// every object. An input that cannot be read or parsed becomes an error with its position and
// the other inputs are still checked. The returned run owns everything its outcome points into
// (bundle, index, locator).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "guard/guard.h"
#include "k8s/bundle.h"
#include "origin/locator.h"

namespace gori::guard {

struct CheckInputs {
  std::vector<std::string> paths;      // files, directories, "-" for stdin
  std::vector<std::string> kustomize;  // directories rendered with `kubectl kustomize`
  std::string helm_root;               // --helm-root (see origin/locator.h)
};

struct CheckRun {
  std::unique_ptr<Guard> guard;
  std::unique_ptr<k8s::Bundle> bundle;
  std::unique_ptr<origin::OriginLocator> locator;
  std::vector<Error> errors;  // inputs that could not be read, parsed or rendered
  Outcome outcome;
};

// Usage errors (no input, no kubectl, a bad option or configuration file) come back as an
// Error; input errors are in CheckRun::errors.
Result<CheckRun> Check(const Options& options, const CheckInputs& inputs);

}  // namespace gori::guard
