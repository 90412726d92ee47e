// src/canary/extract.h
//
// Turns range-query results into the evidence of one track: a series of points (gauge,
// counter-rate), event and request counts (ratio) or request counts per latency bucket
// (latency-histogram), each summed over the whole window. Non-finite values and missing
// instants of the step grid are dropped and counted, never replaced by zero; a series that is
// absent is "no data", except an absent numerator beside a present denominator, which is zero
// events. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "prom/response.h"

namespace gori::canary {

struct Points {
  std::vector<double> values;  // one per instant with data, in time order
  int64_t dropped = 0;         // instants of the grid without a finite value
  bool present = false;        // the query returned at least one series
};

// Series merged per instant: summed (`sum` true) or averaged.
Points ExtractPoints(const prom::QueryResult& r, int64_t start_s, int64_t end_s, int64_t step_s,
                     bool sum);

struct Counts {
  double events = 0;
  double total = 0;
  int64_t dropped = 0;
  bool present = false;  // the denominator returned data
};

// `scale` multiplies every value (the step in seconds for per-second rates, 1 for counts).
Counts ExtractCounts(const prom::QueryResult& numerator, const prom::QueryResult& denominator,
                     double scale);

struct Buckets {
  std::vector<double> bounds;  // upper bounds (le), ascending, the last may be +Inf
  std::vector<double> counts;  // requests per bucket (not cumulative)
  double total = 0;
  int64_t dropped = 0;
  bool present = false;
  std::string problem;  // non-empty: the result is not a histogram by le
};

Buckets ExtractBuckets(const prom::QueryResult& r, double scale);

// Both tracks' buckets on the union of their bounds (a bound one track lacks gets zero).
void AlignBuckets(Buckets& a, Buckets& b);

// The q-quantile of bucketed data by linear interpolation inside the bucket (the first bucket
// starts at 0; a rank in the +Inf bucket gives the highest finite bound), at fractional `rank`
// in [0, total].
double BucketValueAtRank(const Buckets& b, double rank);

}  // namespace gori::canary
