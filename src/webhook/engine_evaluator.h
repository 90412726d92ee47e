// src/webhook/engine_evaluator.h
//
// The Evaluator `gori webhook` runs in production: the guard pipeline of `gori check` (rules,
// severity overrides, gori.io/ignore.* annotations, justified compliance exemptions), applied
// to the one object of an AdmissionReview (a List is flattened the same way), so both give the
// same verdict on the same object. Suppressed and exempted findings are not returned.
// Const and shareable across threads (the guard keeps no per-run state).
#pragma once

#include "guard/guard.h"
#include "webhook/evaluator.h"

namespace gori::webhook {

class EngineEvaluator final : public Evaluator {
 public:
  // `guard` must outlive the evaluator.
  explicit EngineEvaluator(const guard::Guard& guard) : guard_(guard) {}

  void Evaluate(const doc::Document& object, std::vector<rules::Finding>& out) const override;
  void EvaluateAdmission(const doc::Document& object, const policy::Admission& admission,
                         std::vector<rules::Finding>& out) const override;
  std::size_t active_rules() const { return guard_.active_rules(); }

 private:
  void Run(const doc::Document& object, const policy::Admission* admission,
           std::vector<rules::Finding>& out) const;
  const guard::Guard& guard_;
};

}  // namespace gori::webhook
