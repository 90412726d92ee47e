// src/report/report.h
//
// What every report writer receives: the kept findings (sorted), the input errors, and run
// counts. Writers are pure functions from a Report to bytes; they never decide exit codes.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "rules/rule.h"

namespace gori::report {

struct Report {
  std::span<const rules::Finding> findings;  // suppressed ones included, flagged
  std::span<const Error> errors;
  std::size_t files = 0;
  std::size_t objects = 0;
  rules::Severity fail_on = rules::Severity::kHigh;
  bool fail_never = false;  // --fail-on none
  bool show_suppressed = false;

  // Counts of unsuppressed findings by severity (index = Severity value).
  std::array<std::size_t, 5> CountBySeverity() const;
  std::size_t Suppressed() const;
  // True when an unsuppressed finding is at or above fail_on.
  bool Fails() const;
};

struct TextOptions {
  bool color = false;
  bool excerpts = true;  // the source line with a caret under the column
};

void WriteText(const Report& report, const TextOptions& options, std::string& out);
// {"findings": [...], "errors": [...], "summary": {...}}; deterministic, 2-space indent.
void WriteJson(const Report& report, std::string& out);

}  // namespace gori::report
