// src/rules/engine.h
//
// Runs the active rules over the objects of a cross-resource Index (built once per run), calls
// each active rule on each object (plus the selected pss-* rules when the bundle holds a
// Namespace with `pod-security.kubernetes.io/enforce` labels, even without --pss), applies
// severity overrides, and returns the findings in a deterministic order (file, line, column,
// rule id). Suppressions, exemptions and baselines are not the engine's business: guard/ runs
// them after it, the same way for `gori check` and `gori webhook`. Rules are const and the
// engine keeps no per-run state, so one Engine can serve many threads.
#pragma once

#include <span>
#include <vector>

#include "k8s/object.h"
#include "rules/config.h"
#include "rules/index.h"
#include "rules/rule.h"

namespace gori::rules {

class Engine {
 public:
  explicit Engine(const Config& config);

  const Config& config() const { return config_; }
  std::span<const Rule* const> active() const { return active_; }
  // Selected pss-* rules that run only when the bundle holds a Namespace with PSA enforce
  // labels (the pss family is off without --pss).
  std::span<const Rule* const> activated_by_labels() const { return pss_on_labels_; }

  // Appends the findings for the objects of `index` to `out`, sorted.
  void Run(const Index& index, std::vector<Finding>& out) const;
  // Same over an Index built here (for callers that need no other view of the run).
  void Run(std::span<const k8s::Object> objects, std::vector<Finding>& out) const;

 private:
  const Config& config_;
  std::vector<const Rule*> active_;
  // pss rules that are off now but switch on for a run whose bundle holds a Namespace with
  // Pod Security Admission enforce labels.
  std::vector<const Rule*> pss_on_labels_;
};

// The order every report uses: file, line, column, rule id, message.
void SortFindings(std::vector<Finding>& findings);

}  // namespace gori::rules
