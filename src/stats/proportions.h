// src/stats/proportions.h
//
// Counts as binomial evidence (errors out of requests): Fisher's exact test of "the canary's
// proportion is higher (lower) than the baseline's", the Wilson score interval of one
// proportion, and Newcombe's hybrid score interval (his method 10) for the difference of two
// independent proportions. Zero events on either side are ordinary data here: 0 errors in 5
// requests gives a wide interval, not a point at zero. Counts are whole numbers of events;
// callers round the (extrapolated) increases Prometheus reports. Pure, deterministic.
#pragma once

#include <cstdint>

namespace gori::stats {

struct FisherResult {
  double p_greater = 1;  // H1: canary proportion > baseline proportion
  double p_less = 1;     // H1: canary proportion < baseline proportion
  bool exact = true;     // false: counts too large, the pooled score (z) test was used
};

FisherResult FisherExact(int64_t canary_events, int64_t canary_total, int64_t baseline_events,
                         int64_t baseline_total);

struct Interval {
  double lower = 0;
  double upper = 0;
};

// Two-sided interval at confidence 1 - 2 alpha_one_sided (each end a one-sided bound).
Interval Wilson(int64_t events, int64_t total, double alpha_one_sided);

// Interval for canary/canary_total - baseline/baseline_total.
Interval NewcombeDifference(int64_t canary_events, int64_t canary_total, int64_t baseline_events,
                            int64_t baseline_total, double alpha_one_sided);

}  // namespace gori::stats
