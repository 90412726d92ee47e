// src/canary/judge.h
//
// One judgment of a canary against its baseline: plans the range queries (each metric's
// query once per track with the track's selector, over one step-aligned window), fetches them,
// analyses every metric, controls multiplicity across the non-critical metrics (Holm or
// Benjamini-Hochberg; critical metrics keep their own alpha), spends alpha over the planned
// looks, scores groups like Kayenta and gives the verdict:
//   fail          a critical metric failed (or had no data and mustHaveData), or the score is
//                 below thresholds.marginal;
//   inconclusive  a metric had no data, a critical metric was inconclusive, or more than
//                 maxInconclusive of the metrics were;
//   pass          score >= thresholds.pass; marginal otherwise.
// A group's score is 100 x pass / (pass + fail + nodata-with-mustHaveData) (100 when the group
// has none of these); groups without a weight share what the weights leave of 100; at least
// half the metrics without data scores 0. Fetch errors (Prometheus down, a rejected query)
// are errors of the judgment, never a verdict. Deterministic for the same fetched data.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "canary/config.h"
#include "canary/verdict.h"
#include "prom/client.h"

namespace gori::canary {

// Where query results come from: Prometheus, or recorded responses in tests and benchmarks.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  virtual Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) = 0;
};

struct JudgeInput {
  const Config* config = nullptr;
  std::string baseline_selector;
  std::string canary_selector;
  int64_t end_s = 0;
  int64_t window_s = 0;  // 0: the config's window
  int64_t start_s = 0;   // non-zero: the canary's start (cumulative window), overrides window_s
  int look = 0;          // 1-based look of config->looks; 0: the last (all alpha)
};

Result<Verdict> Judge(const JudgeInput& in, Fetcher& fetcher);

// The queries a judgment sends, in order (for --dry-run style listings and tests).
std::vector<prom::RangeQuery> PlanQueries(const JudgeInput& in);

}  // namespace gori::canary
