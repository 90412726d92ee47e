// src/load/html_report.h
//
// The `--html` page of a gori load run: one self-contained file (inline CSS and SVG, no script,
// nothing fetched; a content security policy forbids it) that a person opens after the run or
// attaches to a change: the verdict and thresholds, totals, latency and service-time percentiles,
// and three plots drawn from the run's own data — latency over time (per-second p50/p90/p99 and
// max), throughput over time (responses, errors and, in the open model, the target rate) and the
// percentile distribution of latency and service time from the whole-run HDR histograms (x axis
// in "nines", as HdrHistogram plots are read). Per-step tables for multi-step scenarios, status
// codes and errors by kind. Every text from the run (URL, step names, error messages) is escaped.
// Pure formatting; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "load/report.h"

namespace gori::load {

std::string FormatHtml(const ReportContext& ctx, const RunStats& stats,
                       const std::vector<Threshold>& thresholds,
                       const std::vector<ThresholdResult>& results);

}  // namespace gori::load
