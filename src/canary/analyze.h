// src/canary/analyze.h
//
// The statistics of one metric, in two steps so that multiplicity control can sit between them:
// Analyze computes the evidence (sizes, estimate, one-sided bounds at alpha, p value in the bad
// direction) and settles the cases that need no test (no data, too few requests, underpowered,
// identical); Decide turns the evidence and the adjusted p value into a class by
// non-inferiority:
//   high/low      the regression is significant AND its near bound lies beyond the margin;
//   pass          the far bound lies inside the margin (not worse by more than the margin);
//   inconclusive  anything else, with the sample size per track that would decide it at the
//                 observed spread.
// Per kind: gauge and counter-rate compare the points of the window (Mann-Whitney, Hodges-Lehmann
// shift and its interval); ratio compares event counts as binomial (Fisher, Newcombe interval);
// latency-histogram compares quantiles interpolated from the per-bucket counts of the window
// (order-statistic intervals per track, tail counts above the baseline's quantile bucket tested
// with Fisher), each quantile at alpha / the number of quantiles. Pure, deterministic.
#pragma once

#include "canary/config.h"
#include "canary/verdict.h"
#include "prom/response.h"

namespace gori::canary {

struct TrackData {
  prom::QueryResult main;         // query, or numerator for ratios
  prom::QueryResult denominator;  // ratios only
};

struct Window {
  int64_t start_s = 0, end_s = 0, step_s = 60;
};

MetricResult Analyze(const MetricConfig& m, const Config& c, const TrackData& baseline,
                     const TrackData& canary, const Window& w, double alpha);

// Sets cls, reason and n_needed from the evidence; `alpha` is the level the adjusted p value is
// compared with. No effect on metrics Analyze already classified.
void Decide(MetricResult& r, double alpha);

}  // namespace gori::canary
