// What `gori check` prints once its run is done: the report formats (report/), the compliance
// summary and the evidence report (compliance/). Parsed before the run so bad output flags fail
// fast; printed after it.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/result.h"
#include "guard/check.h"
#include "report/formats.h"
#include "report/report.h"

namespace gori::app {

struct CheckOutputFlags {
  std::string fail_on = "high";
  std::vector<std::string> formats;  // NAME or NAME=FILE
  std::string output;
  bool no_color = false;
  bool show_suppressed = false;
};

struct CheckOutputs {
  std::vector<report::OutputSpec> outputs;
  bool evidence = false;     // --format evidence
  std::string evidence_dir;  // empty: JSON on stdout
  bool to_stdout = false;    // the report without =FILE goes to stdout (colors allowed)
  rules::Severity fail_on = rules::Severity::kHigh;
  bool fail_never = false;
  bool no_color = false;
  bool show_suppressed = false;
};

void AddCheckOutputFlags(CLI::App& sub, CheckOutputFlags& flags);
Result<CheckOutputs> ParseCheckOutputs(const CheckOutputFlags& flags);
// Writes every output; the exit code: 2 input errors (or an output that could not be
// written), 1 findings at or above --fail-on, else 0.
int PrintCheck(const guard::CheckRun& run, const CheckOutputs& out);

}  // namespace gori::app
