// src/load/merge.h
//
// `gori load report`: reads back the `--json` results of runs that loaded the same target at the
// same time (several machines, or several processes of one distributed test) and merges them
// losslessly: counts add up, HDR histograms add element-wise (whole run, per step, per second),
// percentiles are computed again from the merged histograms — never averaged. Seconds are
// aligned by their index from each run's start, so the runs must have started together. Target
// rates add up (each run carried its share of the arrivals); the merged duration is the longest.
// A file that is not a gori load result, or lacks what a merge needs, is an error naming the
// file and, for JSON syntax, the position. Thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "load/options.h"
#include "load/stats.h"

namespace gori::load {

struct RunResult {
  std::string file;  // where it was read from (named in merge errors and warnings)
  std::string target;
  std::string name;  // scenario name, may be empty
  LoadOptions options;
  RunStats stats;
  std::vector<std::string> thresholds;  // expressions as written
  std::vector<std::string> warnings;    // merge: what the reader should know about the inputs
};

// Parses one `gori load --json` document; `file` names it in errors.
Result<RunResult> ReadRunResult(std::string_view file, std::string_view json);

// Merges one or more results (see above). Runs of different scenarios (other step names) or
// of different models (open and closed) do not merge, nor do results that would count requests
// twice or do not form one distributed run: the same result twice, the same shard twice, shards
// of different counts or of different schedules. Independent runs with different schedules
// merge with a warning (their rates are not added).
Result<RunResult> MergeRuns(const std::vector<RunResult>& runs);

}  // namespace gori::load
