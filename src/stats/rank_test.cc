#include "stats/rank_test.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "base/check.h"
#include "stats/normal.h"

namespace gori::stats {
namespace {

// Σ(t³ - t) over the tie groups of the pooled sorted samples, and the pair count c > b (+1/2 per
// tie) by one merge of the two sorted samples.
struct Merged {
  double u = 0;
  double tie_sum = 0;
  bool ties = false;
};

Merged Merge(std::span<const double> b, std::span<const double> c) {
  Merged out;
  std::size_t i = 0, j = 0;
  while (i < b.size() || j < c.size()) {
    const double v = (j == c.size() || (i < b.size() && b[i] < c[j])) ? b[i] : c[j];
    std::size_t nb = 0, nc = 0;
    while (i < b.size() && b[i] == v) ++i, ++nb;
    while (j < c.size() && c[j] == v) ++j, ++nc;
    // Canary values equal to v beat every baseline value below v and tie with nb of them.
    out.u +=
        static_cast<double>(nc) * (static_cast<double>(i - nb) + 0.5 * static_cast<double>(nb));
    const double t = static_cast<double>(nb + nc);
    if (nb + nc > 1) {
      out.ties = true;
      out.tie_sum += t * t * t - t;
    }
  }
  return out;
}

// The normal approximation shared by raw and grouped samples.
void Approximate(RankTest& r, double tie_sum) {
  const double m = r.n_canary, n = r.n_baseline, total = m + n;
  const double mn = m * n;
  const double mean = mn / 2;
  double var = mn / 12 * (total + 1);
  if (total > 1) var -= mn / 12 * tie_sum / (total * (total - 1));
  r.exact = false;
  if (!(var > 0)) {  // every value tied: no evidence either way
    r.p_greater = r.p_less = r.p_two_sided = r.min_p_one_sided = 1;
    r.z = 0;
    return;
  }
  const double sd = std::sqrt(var);
  r.z = (r.u - mean) / sd;
  r.p_greater = NormalUpper((r.u - mean - 0.5) / sd);
  r.p_less = NormalCdf((r.u - mean + 0.5) / sd);
  r.p_two_sided = std::min(1.0, 2 * std::min(r.p_greater, r.p_less));
  r.min_p_one_sided = NormalUpper((mn - mean - 0.5) / sd);
}

std::vector<double> Sorted(std::span<const double> v) {
  std::vector<double> s(v.begin(), v.end());
  std::sort(s.begin(), s.end());
  return s;
}

uint64_t OrderKey(double d) {
  const auto u = std::bit_cast<uint64_t>(d);
  constexpr uint64_t kSign = uint64_t{1} << 63;
  return (u & kSign) ? ~u : (u | kSign);
}

double FromOrderKey(uint64_t k) {
  constexpr uint64_t kSign = uint64_t{1} << 63;
  return std::bit_cast<double>((k & kSign) ? (k & ~kSign) : ~k);
}

// Pairs with canary[j] - baseline[i] <= v.
int64_t CountAtMost(std::span<const double> b, std::span<const double> c, double v) {
  int64_t count = 0;
  std::size_t i = 0;
  for (double cj : c) {
    while (i < b.size() && !(cj - b[i] <= v)) ++i;
    count += static_cast<int64_t>(b.size() - i);
  }
  return count;
}

}  // namespace

ExactU::ExactU(int m, int n) {
  GORI_CHECK(m >= 0 && n >= 0);
  const std::size_t width = static_cast<std::size_t>(m) * static_cast<std::size_t>(n) + 1;
  // counts[i][u]: arrangements of i x's among the values placed so far with U = u, where each x
  // above a y adds one. Placing a new largest y adds nothing; a new largest x adds one per y.
  std::vector<std::vector<double>> counts(static_cast<std::size_t>(m) + 1,
                                          std::vector<double>(width, 0.0));
  for (auto& row : counts) row[0] = 1;
  for (int j = 1; j <= n; ++j) {
    for (int i = 1; i <= m; ++i) {
      auto& row = counts[i];
      const auto& prev = counts[i - 1];
      for (std::size_t u = width; u-- > static_cast<std::size_t>(j);) row[u] += prev[u - j];
    }
  }
  const auto& last = counts[m];
  double total = 0;
  for (double c : last) total += c;
  density_.resize(width);
  for (std::size_t u = 0; u < width; ++u) density_[u] = last[u] / total;
}

double ExactU::Cdf(int64_t u) const {
  if (u < 0) return 0;
  double s = 0;
  for (int64_t k = 0; k <= std::min(u, max_u()); ++k) s += density_[k];
  return std::min(1.0, s);
}

double ExactU::Upper(int64_t u) const {
  if (u <= 0) return 1;
  double s = 0;
  for (int64_t k = max_u(); k >= u; --k) s += density_[k];
  return std::min(1.0, s);
}

int64_t ExactU::Quantile(double p) const {
  const double target = p * (1 - 64 * std::numeric_limits<double>::epsilon());
  double s = 0;
  for (int64_t k = 0; k <= max_u(); ++k) {
    s += density_[k];
    if (s >= target) return k;
  }
  return max_u();
}

RankTest MannWhitney(std::span<const double> baseline, std::span<const double> canary) {
  RankTest r;
  r.n_baseline = static_cast<double>(baseline.size());
  r.n_canary = static_cast<double>(canary.size());
  if (baseline.empty() || canary.empty()) return r;
  const auto b = Sorted(baseline);
  const auto c = Sorted(canary);
  const Merged merged = Merge(b, c);
  r.u = merged.u;
  r.ties = merged.ties;
  const int m = static_cast<int>(c.size()), n = static_cast<int>(b.size());
  if (!merged.ties && m < kExactLimit && n < kExactLimit) {
    const ExactU dist(m, n);
    const auto u = static_cast<int64_t>(r.u);
    r.exact = true;
    r.p_greater = dist.Upper(u);
    r.p_less = dist.Cdf(u);
    r.p_two_sided = std::min(1.0, 2 * std::min(r.p_greater, r.p_less));
    r.min_p_one_sided = dist.Upper(dist.max_u());
    return r;
  }
  Approximate(r, merged.tie_sum);
  return r;
}

RankTest MannWhitneyGrouped(std::span<const double> baseline_counts,
                            std::span<const double> canary_counts) {
  GORI_CHECK(baseline_counts.size() == canary_counts.size());
  RankTest r;
  double below = 0, tie_sum = 0;
  for (std::size_t i = 0; i < baseline_counts.size(); ++i) {
    const double b = baseline_counts[i], c = canary_counts[i], t = b + c;
    r.u += c * (below + 0.5 * b);
    below += b;
    r.n_baseline += b;
    r.n_canary += c;
    tie_sum += t * t * t - t;
    if (t > 1) r.ties = true;
  }
  if (r.n_baseline <= 0 || r.n_canary <= 0) return r;
  Approximate(r, tie_sum);
  return r;
}

double KthPairwiseDifference(std::span<const double> baseline_sorted,
                             std::span<const double> canary_sorted, int64_t k) {
  GORI_CHECK(!baseline_sorted.empty() && !canary_sorted.empty());
  const int64_t pairs =
      static_cast<int64_t>(baseline_sorted.size()) * static_cast<int64_t>(canary_sorted.size());
  k = std::clamp<int64_t>(k, 1, pairs);
  uint64_t lo = OrderKey(canary_sorted.front() - baseline_sorted.back());
  uint64_t hi = OrderKey(canary_sorted.back() - baseline_sorted.front());
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (CountAtMost(baseline_sorted, canary_sorted, FromOrderKey(mid)) >= k) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return FromOrderKey(lo) + 0.0;  // never -0
}

Shift HodgesLehmann(std::span<const double> baseline, std::span<const double> canary,
                    double alpha_one_sided) {
  GORI_CHECK(!baseline.empty() && !canary.empty());
  const auto b = Sorted(baseline);
  const auto c = Sorted(canary);
  const int64_t m = static_cast<int64_t>(c.size()), n = static_cast<int64_t>(b.size());
  const int64_t mn = m * n;
  Shift s;
  s.estimate =
      (mn % 2 == 1)
          ? KthPairwiseDifference(b, c, (mn + 1) / 2)
          : (KthPairwiseDifference(b, c, mn / 2) + KthPairwiseDifference(b, c, mn / 2 + 1)) / 2;
  const Merged merged = Merge(b, c);
  int64_t k = 1;
  if (!merged.ties && m < kExactLimit && n < kExactLimit) {
    const ExactU dist(static_cast<int>(m), static_cast<int>(n));
    k = std::max<int64_t>(1, dist.Quantile(alpha_one_sided));
    s.level = 1 - 2 * dist.Cdf(k - 1);
    s.exact = true;
  } else {
    const double total = static_cast<double>(m + n), dmn = static_cast<double>(mn);
    const double var = dmn / 12 * ((total + 1) - merged.tie_sum / (total * (total - 1)));
    const double sd = std::sqrt(std::max(0.0, var));
    const double z = NormalQuantile(1 - alpha_one_sided);
    k = std::max<int64_t>(1, static_cast<int64_t>(std::floor(dmn / 2 - z * sd)));
    s.level = sd > 0 ? 1 - 2 * NormalCdf((static_cast<double>(k) - 0.5 - dmn / 2) / sd) : 1;
  }
  k = std::min(k, (mn + 1) / 2);
  s.lower = KthPairwiseDifference(b, c, k);
  s.upper = KthPairwiseDifference(b, c, mn + 1 - k);
  return s;
}

}  // namespace gori::stats
