// src/webhook/decision_log.h
//
// One structured line per admission decision, for audit and debugging: a compact JSON object
// ending in '\n' with the request's uid, operation, kind, namespace, name (generateName + "*"
// when unnamed), user, whether it was allowed, the decision (allowed, denied, exempt, skipped)
// and the rule ids that denied it or were returned as warnings. Never holds object contents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "webhook/admission.h"

namespace gori::webhook {

struct DecisionRules {
  std::vector<std::string_view> denied;  // rule ids that denied, in finding order
  std::vector<std::string_view> warned;  // rule ids returned as warnings
};

// Replaces `out` with the line.
void WriteDecisionLog(const AdmissionRequest& r, bool allowed, std::string_view decision,
                      const DecisionRules& rules, std::string& out);

}  // namespace gori::webhook
