// src/webhook/evaluator.h
//
// The seam between admission handling and the guard pipeline: given one Kubernetes object (a
// document whose root is the AdmissionReview's request.object), report its unsuppressed
// findings. The webhook decides allow/deny/warn from these; it never knows how rules are
// written. Implementations are const and shared by every worker thread.
#pragma once

#include <vector>

#include "doc/document.h"
#include "policy/policy.h"
#include "rules/rule.h"

namespace gori::webhook {

using rules::ParseSeverity;
using rules::Severity;
using rules::SeverityName;

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Appends the unsuppressed findings of `object` (document.root) to `out`; they may point
  // into `object` and live as long as it does.
  virtual void Evaluate(const doc::Document& object, std::vector<rules::Finding>& out) const = 0;
  // The same with the request's operation, oldObject and the request itself, which
  // ValidatingAdmissionPolicies read; by default the object alone.
  virtual void EvaluateAdmission(const doc::Document& object, const policy::Admission& admission,
                                 std::vector<rules::Finding>& out) const {
    (void)admission;
    Evaluate(object, out);
  }
};

}  // namespace gori::webhook
