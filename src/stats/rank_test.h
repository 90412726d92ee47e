// src/stats/rank_test.h
//
// The Mann-Whitney U (Wilcoxon rank-sum) test of a canary sample against a baseline sample, and
// the Hodges-Lehmann shift with its distribution-free confidence interval.
//
// U counts the pairs (baseline b, canary c) with c > b, ties counting one half, so U/(n_b n_c)
// is the Vargha-Delaney A (the probability that a canary value exceeds a baseline value).
// Without ties and with both samples under kExactLimit the p values come from the exact null
// distribution of U; otherwise from the normal approximation with the tie-corrected variance
// and a continuity correction of 1/2 (as R's wilcox.test does). Grouped data (histogram
// buckets: counts per ordered category) use the normal approximation with the tie correction,
// every bucket being one tie group.
//
// The shift interval is exact in the sense of the textbooks: its ends are the k-th smallest and
// k-th largest of the n_b n_c pairwise differences canary - baseline, with k from the exact (or
// approximate) critical value of U. The k-th difference is found by selection over the implicit
// sorted difference matrix (O((n_b + n_c) log) time, no memory per pair), never by root finding.
// Inputs must be finite (callers drop NaN and infinities and count them). Pure, deterministic.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace gori::stats {

inline constexpr int kExactLimit = 50;  // exact null distribution when both n < 50, no ties

struct RankTest {
  double n_baseline = 0;
  double n_canary = 0;
  double u = 0;            // pairs canary > baseline, ties count 1/2
  double p_greater = 1;    // H1: the canary tends to be larger
  double p_less = 1;       // H1: the canary tends to be smaller
  double p_two_sided = 1;  // min(1, 2 min(p_greater, p_less))
  double z = 0;            // standardised U (normal approximation); 0 when exact
  bool exact = false;
  bool ties = false;
  // The smallest one-sided p value these sample sizes (and this tie pattern) can produce: when
  // it exceeds alpha, no data of this size can ever be significant.
  double min_p_one_sided = 1;
  double effect_a() const { return n_baseline * n_canary > 0 ? u / (n_baseline * n_canary) : 0.5; }
};

RankTest MannWhitney(std::span<const double> baseline, std::span<const double> canary);

// Counts per ordered category (same length; category i is below category i + 1).
RankTest MannWhitneyGrouped(std::span<const double> baseline_counts,
                            std::span<const double> canary_counts);

// The exact null distribution of U for sizes m and n (no ties): counts of arrangements.
class ExactU {
 public:
  ExactU(int m, int n);
  // P(U <= u).
  double Cdf(int64_t u) const;
  // P(U >= u).
  double Upper(int64_t u) const;
  // The smallest u with P(U <= u) >= p (R's qwilcox).
  int64_t Quantile(double p) const;
  int64_t max_u() const { return static_cast<int64_t>(density_.size()) - 1; }

 private:
  std::vector<double> density_;  // P(U = u)
};

struct Shift {
  double estimate = 0;  // Hodges-Lehmann: median of the pairwise differences canary - baseline
  double lower = 0;     // one-sided (1 - alpha) lower bound
  double upper = 0;     // one-sided (1 - alpha) upper bound
  double level = 0;     // the coverage of [lower, upper] actually achieved (two-sided)
  bool exact = false;
};

// `alpha_one_sided`: each end is a one-sided bound at 1 - alpha, so [lower, upper] covers with
// probability at least 1 - 2 alpha. Needs both samples non-empty.
Shift HodgesLehmann(std::span<const double> baseline, std::span<const double> canary,
                    double alpha_one_sided);

// The k-th smallest (1-based) of the differences canary[j] - baseline[i] over all pairs; both
// spans sorted ascending. Exposed for tests.
double KthPairwiseDifference(std::span<const double> baseline_sorted,
                             std::span<const double> canary_sorted, int64_t k);

}  // namespace gori::stats
