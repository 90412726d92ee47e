// src/canary/config.h
//
// The canary configuration (YAML): what to compare between the baseline and the canary track and
// how strictly. Close to Kayenta's canary config (metrics with groups, critical, mustHaveData,
// group weights, pass/marginal score thresholds) so existing configs port mechanically; the
// statistics keys are gori's own. Format (defaults shown):
//
//   window: 30m                 # analysis window ending at --end; --window overrides
//   step: 1m                    # resolution of the range queries (whole seconds)
//   alpha: 0.05                 # one-sided error rate per metric before multiplicity control
//   multipleComparisons: holm   # holm | bh | none, across the non-critical metrics
//   minRequests: 50             # per track, for ratio and latency-histogram metrics
//   looks: 1                    # planned repeated judgments of one canary (cumulative windows)
//   alphaSpending: obrien-fleming   # or pocock: how alpha is spent over the looks
//   maxInconclusive: 25%        # more inconclusive metrics than this -> verdict inconclusive
//   thresholds: {pass: 95, marginal: 75}
//   groupWeights: {latency: 60, errors: 40}   # percent; unnamed groups share the rest
//   metrics:
//     - name: latency                          # unique
//       kind: latency-histogram                # | ratio | gauge | counter-rate
//       query: 'sum by (le) (rate(x_bucket{ {{selector}} }[1m]))'
//       quantiles: [0.5, 0.9, 0.99]            # latency-histogram only
//       numerator: '...'                       # ratio: both instead of query
//       denominator: '...'
//       values: rate                           # rate (per second) | count (per step); default
//                                              # from the query: increase(...) -> count
//       direction: increase                    # increase | decrease | both: what is bad
//       margin: 10%                            # relative (10%), absolute (0.5) or pp (0.1pp,
//                                              # ratio only): the regression that matters
//       critical: false                        # a failure fails the canary at once
//       mustHaveData: false                    # no data counts as a failure
//       group: latency                         # default: the metric's name
//       weight: 60                             # the group's weight, like groupWeights
//
// `{{selector}}` in a query is replaced by the track's selector (--baseline / --canary), so each
// query runs once per track; a query with both `{{baseline}}` and `{{canary}}` runs once and its
// series are split between the tracks by label (canary/tracks.h). Every problem is an Error at
// file:line:col; the first one is reported. The config's SHA-256 is kept for the evidence record.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "stats/multiplicity.h"

namespace gori::canary {

enum class Kind { kLatencyHistogram, kRatio, kGauge, kCounterRate };
enum class Direction { kIncrease, kDecrease, kBoth };
enum class Multiple { kHolm, kBenjaminiHochberg, kNone };

std::string_view KindName(Kind k);
std::string_view DirectionName(Direction d);
std::string_view MultipleName(Multiple m);

struct Margin {
  double value = 0;       // fraction when relative (0.1 = 10 %), else in the metric's unit
  bool relative = false;  // relative to the baseline's level
  std::string text;       // as written
};

struct MetricConfig {
  std::string name;
  Kind kind = Kind::kGauge;
  std::string query;  // latency-histogram, gauge, counter-rate
  std::string numerator, denominator;
  std::vector<double> quantiles;  // latency-histogram
  bool values_are_rates = true;   // false: values are counts per step
  Direction direction = Direction::kIncrease;
  Margin margin;
  bool critical = false;
  bool must_have_data = false;
  std::string group;
  uint32_t line = 0;  // where the metric is defined
};

struct Config {
  int64_t window_s = 1800;
  int64_t step_s = 60;
  double alpha = 0.05;
  Multiple multiple = Multiple::kHolm;
  int64_t min_requests = 50;
  int looks = 1;
  stats::Spending spending = stats::Spending::kObrienFleming;
  double max_inconclusive = 0.25;
  double pass_score = 95;
  double marginal_score = 75;
  std::map<std::string, double> group_weights;
  std::vector<MetricConfig> metrics;
  std::string digest;  // "sha256:<hex>" of the file's bytes
};

Result<Config> ParseConfig(std::string_view yaml, std::string_view file_name);
Result<Config> LoadConfigFile(const std::string& path);

// The query with every `{{selector}}` replaced by `selector`.
std::string Substitute(std::string_view query, std::string_view selector);
// The one-query form: `{{baseline}}` and `{{canary}}` replaced by the tracks' selectors.
std::string SubstituteBoth(std::string_view query, std::string_view baseline,
                           std::string_view canary);

}  // namespace gori::canary
