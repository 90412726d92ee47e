// src/canary/run.h
//
// `gori canary judge` as one call: reads the config, resolves --window/--end/--start, asks
// Prometheus, judges and renders the chosen format. Errors (bad flags, a broken config with its
// file:line:col, Prometheus unreachable or refusing a query) come back as an Error, which the
// CLI reports with exit code 2; a verdict comes back with its exit code (0 pass, 1 fail,
// 3 inconclusive, 4 marginal).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "canary/judge.h"
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
  // How errors name the options: "--" for the CLI's flags ("--window must ..."), "" for the
  // fields of a `gori canary serve` request ("window must ...").
  std::string_view prefix = "--";
};

struct JudgeOutput {
  int exit_code = 0;
  std::string rendered;
};

Result<JudgeOutput> RunJudge(const JudgeOptions& o);

// The selectors, window, end, start and look of `o` checked and resolved against `config` into
// what Judge takes; `now_s` stands for an empty `end`. `config` must outlive the result.
Result<JudgeInput> ResolveInput(const Config& config, const JudgeOptions& o, int64_t now_s);

// A duration flag ("30s", "500ms") in whole milliseconds, at least 1 ms.
Result<int64_t> ParseTimeoutMs(const std::string& text);

}  // namespace gori::canary
