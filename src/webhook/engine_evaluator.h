// src/webhook/engine_evaluator.h
//
// The Evaluator `gori webhook` runs in production: the same rule engine and configuration as
// `gori check`, applied to the one object of an AdmissionReview (a List is flattened the same
// way). Suppressed findings are not violations. Const and shareable across threads (the engine
// keeps no per-run state).
#pragma once

#include "rules/config.h"
#include "rules/engine.h"
#include "webhook/evaluator.h"

namespace gori::webhook {

class EngineEvaluator final : public Evaluator {
 public:
  // `config` must outlive the evaluator.
  explicit EngineEvaluator(const rules::Config& config) : config_(config), engine_(config) {}

  void Evaluate(const doc::Document& object, std::vector<Violation>& out) const override;
  std::size_t active_rules() const { return engine_.active().size(); }

 private:
  const rules::Config& config_;
  rules::Engine engine_;
};

}  // namespace gori::webhook
