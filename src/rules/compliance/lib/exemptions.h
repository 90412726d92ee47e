// src/rules/compliance/lib/exemptions.h
//
// Compliance exemptions: an annotation `compliance/exempt-<rule-id>: "<justification>"` (prefix
// configurable) on the object a finding is about, on its pod template, or on its Namespace
// object (then it covers every finding of that rule in the namespace). Looked up in that order;
// the first one found decides.
//
// An exemption is never silent: the finding stays in the report, marked suppressed with the
// justification as its reason, and ApplyExemptions returns a record of it for the compliance
// summary and the evidence report. A justification is required: an empty (or whitespace-only,
// or non-string) value exempts nothing, and the finding's message says that the exemption was
// ignored. Works for any rule id, not only cmp-*. Findings already suppressed by other means are
// left alone.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.h"
#include "rules/config.h"
#include "rules/index.h"
#include "rules/rule.h"

namespace gori::rules {

enum class ExemptionScope : uint8_t { kObject, kPodTemplate, kNamespace };
std::string_view ExemptionScopeName(ExemptionScope s);  // "object", "pod template", "namespace"

struct Exemption {
  const doc::Node* value = nullptr;     // the annotation value node
  const k8s::Object* holder = nullptr;  // the object whose metadata carries it
  ExemptionScope scope = ExemptionScope::kObject;
  std::string key;                 // "compliance/exempt-cmp-public-exposure"
  std::string_view justification;  // trimmed; empty when missing
  bool valid() const { return !justification.empty(); }
};

std::optional<Exemption> FindExemption(const ComplianceOptions& options, const Index& index,
                                       const k8s::Object& object, std::string_view rule_id);

struct ExemptionRecord {
  std::string_view rule_id;
  const k8s::Object* object = nullptr;  // the finding's object
  std::string_view file;                // the finding's position
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;  // the finding's message
  Severity severity = Severity::kMedium;
  Exemption exemption;
};

struct ExemptionResult {
  std::vector<ExemptionRecord> applied;  // findings now suppressed with a justification
  std::vector<ExemptionRecord> ignored;  // exemptions without justification (findings kept)
};

// Applies exemptions to `findings` (in place; order unchanged).
ExemptionResult ApplyExemptions(const Config& config, const Index& index,
                                std::vector<Finding>& findings);

}  // namespace gori::rules
