// src/load/report.h
//
// What gori load prints and writes: the live progress line (once a second on stderr), the end
// summary (text), the `--json` document (totals, status counts, errors by kind, latency and
// service-time percentiles, per-step tables, thresholds with measured values, the per-second
// series, and the HDR histograms as base64 V2 encodings so runs can be merged losslessly) and
// the `--hlog` HdrHistogram interval log. Pure formatting; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "load/options.h"
#include "load/scenario.h"
#include "load/stats.h"
#include "load/threshold.h"

namespace gori::load {

struct ReportContext {
  const Scenario* scenario = nullptr;
  const LoadOptions* options = nullptr;  // resolved
  std::string target;                    // the URL as given
};

// "[  3s] 200/200 req/s  in-flight 2  p50 1.21ms  p99 3.40ms  errors 0  late 0"
// (target rate only in the open model).
std::string FormatProgress(const ReportContext& ctx, const RunStats& so_far,
                           const IntervalStats& second, int64_t in_flight);
// "[warm-up 1/2s] 200 req/s  in-flight 2  p50 1.21ms  p99 3.40ms" (not part of the results).
std::string FormatWarmupProgress(const ReportContext& ctx, const IntervalStats& second,
                                 int64_t in_flight);

std::string FormatSummary(const ReportContext& ctx, const RunStats& stats,
                          const std::vector<Threshold>& thresholds,
                          const std::vector<ThresholdResult>& results);

std::string FormatJson(const ReportContext& ctx, const RunStats& stats,
                       const std::vector<Threshold>& thresholds,
                       const std::vector<ThresholdResult>& results);

// Microseconds for humans: "850us", "1.25ms", "2.50s".
std::string FormatMicros(double us);

// "closed-loop" or "open model, constant arrivals, stages 30s:500, after a 2s warm-up".
std::string FormatModel(const LoadOptions& o);
// "1 thread, 50 connections (up to 256)".
std::string FormatClients(const LoadOptions& o);

}  // namespace gori::load
