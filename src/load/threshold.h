// src/load/threshold.h
//
// Thresholds: `METRIC OP VALUE` pass/fail conditions on a finished (or running) load test that
// decide gori load's exit code (0 all hold, 99 one failed). Metrics:
//   latency.pNN  service_time.pNN  (NN may have decimals: p99.9), latency.max/.min/.mean,
//   service_time.max/.min/.mean, step.NAME.latency.pNN (and the other latency forms per step),
//   error_rate (VALUE in % or as a fraction), rps, late, dropped, grpc_status.CODE (also written
//   grpc_status{code="CODE"}: the fraction of gRPC responses with that status, % or fraction).
// OP is one of < <= > >= ==. Time VALUEs need a unit (us, ms, s). Parsing returns a usage error
// that quotes the expression; evaluation asks a MetricLookup for the measured value.
// Pure; thread-compatible.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::load {

enum class MetricKind { kLatency, kServiceTime, kErrorRate, kRps, kLate, kDropped, kGrpcStatus };
enum class Stat { kPercentile, kMin, kMax, kMean };
enum class Op { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual };

struct Metric {
  MetricKind kind = MetricKind::kLatency;
  Stat stat = Stat::kPercentile;  // latency and service_time only
  double percentile = 0;          // with Stat::kPercentile
  std::string step;               // empty = whole run
  std::string grpc_code;          // kGrpcStatus: "UNAVAILABLE"

  bool IsTime() const { return kind == MetricKind::kLatency || kind == MetricKind::kServiceTime; }
};

struct Threshold {
  std::string expr;  // as written, whitespace-trimmed
  Metric metric;
  Op op = Op::kLess;
  // Base units: microseconds for times, a fraction (0..1) for error_rate, requests/s for rps,
  // a count for late and dropped.
  double value = 0;
};

Result<Threshold> ParseThreshold(std::string_view text);

bool Holds(double measured, Op op, double limit);

// The measured value of a metric in the base units above; nullopt when the run has no such
// metric (a step name that does not exist).
using MetricLookup = std::function<std::optional<double>(const Metric&)>;

struct ThresholdResult {
  std::string expr;
  double value = 0;  // measured, base units
  bool ok = false;
  bool known = true;  // false when the lookup had no value for the metric
};

std::vector<ThresholdResult> Evaluate(const std::vector<Threshold>& thresholds,
                                      const MetricLookup& lookup);

// "12.3ms", "0.05%", "512.0", "3": a measured value in the unit a reader expects.
std::string FormatMetricValue(const Metric& m, double value);

}  // namespace gori::load
