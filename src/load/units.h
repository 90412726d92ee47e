// src/load/units.h
//
// The small languages of gori load's command line and scenario files: durations ("250us",
// "1.5s", "1m30s"), arrival-rate stages ("30s:0-500,2m:500") and their k6-style scenario form.
// Each parser returns a Result whose message quotes the text and says what was expected, so the
// CLI can print it as a usage error (exit 2). Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/duration.h"
#include "base/instant.h"
#include "base/result.h"

namespace gori::load {

// Durations are gori's one grammar (base/duration.h).
using ::gori::FormatDuration;
using ::gori::ParseDuration;

// A piece of a piecewise-linear arrival rate: from_rps at its start, to_rps at its end.
struct Stage {
  int64_t duration_ns = 0;
  double from_rps = 0;
  double to_rps = 0;
};

// "30s:0-500,2m:500,30s:500-0": comma-separated DURATION:RATE (constant) or DURATION:FROM-TO.
Result<std::vector<Stage>> ParseStages(std::string_view text);

// A rate in requests per second: a non-negative number ("500", "12.5").
Result<double> ParseRate(std::string_view text);

// "I/N": shard I (0-based) of N processes of a distributed run.
struct Shard {
  int index = 0;
  int count = 1;
};
Result<Shard> ParseShard(std::string_view text);

// Instants are gori's one grammar too (base/instant.h).
using ::gori::ParseInstant;

}  // namespace gori::load
