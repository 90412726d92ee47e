// src/load/scenario.h
//
// Scenario files of `gori load -f` (YAML; format in docs and LOAD.md): a base URL, defaults,
// the load model, optional CSV data, steps (templated request, checks, extraction of variables
// for later steps) and thresholds. Loading validates everything up front — unknown keys, bad
// durations, template slots that refer to missing columns or to variables no earlier step
// extracts, unknown step names in thresholds — and reports the first problem as
// file:line:col. The result owns all its data. Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "load/csv.h"
#include "load/json_path.h"
#include "load/options.h"
#include "load/request.h"
#include "load/threshold.h"
#include "net/url.h"

namespace gori::load {

struct JsonCheck {
  JsonPath path;
  std::optional<std::string> equals;  // nullopt: the value must exist
};

struct Step {
  std::string name;
  CompiledRequest request;
  std::vector<int> statuses;  // accepted statuses; empty: any status below 400
  std::vector<JsonCheck> json_checks;
  std::vector<std::pair<std::size_t, JsonPath>> extract;  // variable index, path
  int64_t timeout_ns = 0;                                 // 0 = the run's timeout

  bool NeedsJson() const { return !json_checks.empty() || !extract.empty(); }
};

struct Scenario {
  std::string name;
  net::Url url;
  LoadOptions load;
  CsvData data;               // empty columns: no data
  std::string data_csv;       // data.csv as written in the file (empty: none)
  std::string data_csv_path;  // the file it was read from
  bool data_random = false;
  std::vector<std::string> variables;
  std::vector<Step> steps;
  std::vector<Threshold> thresholds;
  bool abort_on_fail = false;
};

// `file_name` names the file in errors; relative CSV paths resolve against `base_dir`.
Result<Scenario> ParseScenario(std::string_view yaml, std::string_view file_name,
                               const std::string& base_dir);
Result<Scenario> LoadScenarioFile(const std::string& path);

// A one-step scenario for the quick form: `gori load URL -m METHOD -H ... --body ...`.
Result<Scenario> QuickScenario(std::string_view url, std::string_view method,
                               const std::vector<std::string>& headers, std::string_view body);

}  // namespace gori::load
