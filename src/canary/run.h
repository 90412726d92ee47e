// src/canary/run.h
//
// `gori canary judge` as one call: reads the config, resolves --window/--end/--start, asks
// Prometheus, judges and renders the chosen format. Errors (bad flags, a broken config with its
// file:line:col, Prometheus unreachable or refusing a query) come back as an Error, which the
// CLI reports with exit code 2; a verdict comes back with its exit code (0 pass, 1 fail,
// 3 inconclusive, 4 marginal).
#pragma once

#include <string>

#include "base/result.h"
#include "prom/client.h"

namespace gori::canary {

struct JudgeOptions {
  std::string config_path;
  prom::ClientOptions prometheus;
  std::string baseline_selector;
  std::string canary_selector;
  std::string window;  // duration; empty: the config's
  std::string end;     // RFC 3339 or @EPOCH; empty: now
  std::string start;   // the canary's start (cumulative window); empty: none
  int look = 0;
  std::string format = "text";  // text | json | html
};

struct JudgeOutput {
  int exit_code = 0;
  std::string rendered;
};

Result<JudgeOutput> RunJudge(const JudgeOptions& o);

// A duration flag ("30s", "500ms") in whole milliseconds, at least 1 ms.
Result<int64_t> ParseTimeoutMs(const std::string& text);

}  // namespace gori::canary
