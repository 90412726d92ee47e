// src/webhook/evaluator.h
//
// The seam between admission handling and the rule engine: given one Kubernetes object (a
// document whose root is the AdmissionReview's request.object), report its violations. The
// webhook decides allow/deny/warn from these; it never knows how rules are written.
// Implementations are const and shared by every worker thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "rules/rule.h"

namespace gori::webhook {

using rules::ParseSeverity;
using rules::Severity;
using rules::SeverityName;

struct Violation {
  std::string_view rule_id;  // static rule metadata
  Severity severity = Severity::kMedium;
  std::string message;
  std::string_view remediation;
  std::string path;       // field path, e.g. "spec.template.spec.containers[0].image"
  std::string container;  // container name when the violation is about one
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Appends the violations of `object` (document.root) to `out`.
  virtual void Evaluate(const doc::Document& object, std::vector<Violation>& out) const = 0;
};

}  // namespace gori::webhook
