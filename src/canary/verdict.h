// src/canary/verdict.h
//
// What a judgment produces: per metric the class, estimate, interval, p values, sizes and the
// reason, per group the Kayenta-like score, and the overall verdict with everything an auditor
// needs to redo it (config digest, queries as sent, window, selectors, alpha). Plain data; the
// writers in report.h turn it into text, JSON and HTML. Nothing in it depends on the time of
// judgment, so the same data gives the same bytes.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "canary/config.h"

namespace gori::canary {

enum class Class { kPass, kHigh, kLow, kNodata, kInconclusive };
std::string_view ClassName(Class c);

inline constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// One quantile of a latency histogram.
struct QuantileResult {
  double q = 0;
  double baseline = kNone, canary = kNone;  // interpolated from the buckets
  double estimate = kNone, lower = kNone, upper = kNone;
  double p = kNone;
  Class cls = Class::kInconclusive;
};

struct MetricResult {
  const MetricConfig* config = nullptr;
  Class cls = Class::kNodata;
  // In the margin's terms: a relative change (0.1 = +10 %) for relative margins, else the
  // metric's unit (a difference of proportions for ratios).
  double estimate = kNone;
  double lower = kNone, upper = kNone;  // one-sided (1 - alpha) bounds
  double margin = kNone;                // the margin in the estimate's terms
  double p = kNone;                     // one-sided in the bad direction (two-sided for both)
  double p_adjusted = kNone;            // after multiplicity control
  double effect = kNone;                // Vargha-Delaney A (ranks) or the rate ratio (ratios)
  double n_baseline = 0, n_canary = 0;  // requests (ratio, histogram) or points (series)
  int64_t dropped_baseline = 0, dropped_canary = 0;     // NaN, infinite or missing points
  double baseline_level = kNone, canary_level = kNone;  // median, or proportion
  double n_needed = 0;    // per track, to decide an inconclusive metric at the observed spread
  bool testable = false;  // has a p value that takes part in multiplicity control
  bool underpowered = false;
  bool identical = false;
  std::string reason;
  std::vector<std::string> queries;       // as sent: baseline first
  std::vector<std::string> query_tracks;  // per query: baseline, canary or both
  // Data kept for the HTML page.
  std::vector<double> baseline_points, canary_points;
  std::vector<double> bucket_bounds, baseline_buckets, canary_buckets;
  std::vector<QuantileResult> quantiles;
};

struct GroupScore {
  std::string name;
  double weight = 0;
  double score = 100;
  int pass = 0, fail = 0, nodata = 0, inconclusive = 0;
};

struct Verdict {
  std::string verdict;  // pass | marginal | fail | inconclusive
  double score = 0;
  std::string reason;
  int exit_code = 0;  // 0 pass, 1 fail, 3 inconclusive, 4 marginal
  std::vector<MetricResult> metrics;
  std::vector<GroupScore> groups;
  const Config* config = nullptr;
  std::string baseline_selector, canary_selector;
  int64_t start_s = 0, end_s = 0, step_s = 0;
  int look = 1;
  double alpha_look = 0;  // alpha available to this look after spending
};

}  // namespace gori::canary
