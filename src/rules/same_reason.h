// src/rules/same_reason.h
//
// Some built-in rules say the same thing twice: the Pod Security Standards rules (pss-*) check
// the standard's controls, and gori's own security rules (sec-*) check many of the same fields
// for clusters that do not enforce a level. When both fire on one node for one reason
// (`privileged: true` is pss-privileged and sec-privileged), the user should read one finding.
//
// MergeSameReason folds each such pair into one finding: the one with the higher severity (on a
// tie, the sec-* one, which names its container) stays, names the other in `also_rules` and ends
// its message with "(also <id>)"; the other is removed. Only unsuppressed findings of the same
// object at the same file:line:column merge, and only the rule pairs listed in same_reason.cc
// (the sec-* rule that checks the field a pss-* control checks). Expects and keeps report order
// (SortFindings). Runs after suppressions, baselines, exemptions and compliance summaries, which
// see every finding of every rule.
#pragma once

#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/rule.h"

namespace gori::rules {

// True when findings of `a` and `b` on one node state the same reason (either order).
bool SameReason(std::string_view a, std::string_view b);
// Every (pss-*, sec-*) pair that SameReason accepts.
std::span<const std::pair<std::string_view, std::string_view>> SameReasonPairs();

void MergeSameReason(std::vector<Finding>& findings);

}  // namespace gori::rules
