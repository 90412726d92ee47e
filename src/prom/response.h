// src/prom/response.h
//
// Decoding of Prometheus HTTP API responses (/api/v1/query and /api/v1/query_range): the
// envelope {"status", "data": {"resultType", "result"}, "errorType", "error", "warnings"} and
// the results of type matrix, vector and scalar. Sample values travel as strings; "NaN",
// "+Inf" and "-Inf" are recognised by name and every other value must be a complete decimal
// number, so nothing unexpected becomes a zero. Timestamps (float seconds) become milliseconds.
// A body that is not such a response is an error that says what was wrong, never a crash.
// Pure, thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace gori::prom {

struct Sample {
  int64_t t_ms = 0;
  double value = 0;  // may be NaN or ±infinity
};

struct Series {
  std::vector<std::pair<std::string, std::string>> labels;  // sorted by name
  std::vector<Sample> samples;                              // in timestamp order

  // The value of label `name`, or "" when the series has none.
  std::string_view Label(std::string_view name) const;
};

struct QueryResult {
  std::string result_type;  // "matrix", "vector" or "scalar"
  std::vector<Series> series;
  std::vector<std::string> warnings;
};

// `http_status` is the response's status code: Prometheus answers errors with 400, 422, 503...
// and an error envelope, which becomes an Error quoting errorType and error.
Result<QueryResult> DecodeResponse(int http_status, std::string_view body);

// One sample value as Prometheus writes it.
Result<double> ParseSampleValue(std::string_view text);

}  // namespace gori::prom
