#include "stats/proportions.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include <boost/math/distributions/hypergeometric.hpp>

#include "stats/normal.h"

namespace gori::stats {
namespace {

// Above this many events (or non-events) in the pooled table the hypergeometric sums get slow
// and the score test is indistinguishable from them.
constexpr int64_t kFisherLimit = 200'000;

}  // namespace

FisherResult FisherExact(int64_t canary_events, int64_t canary_total, int64_t baseline_events,
                         int64_t baseline_total) {
  FisherResult r;
  const int64_t total = canary_total + baseline_total;
  const int64_t events = canary_events + baseline_events;
  if (canary_total <= 0 || baseline_total <= 0 || events == 0 || events == total) return r;
  if (std::min(events, total - events) <= kFisherLimit && total < (int64_t{1} << 31)) {
    // Canary events given the margins: hypergeometric (events drawn into canary_total of total).
    // Boost reports impossible arguments by exception; the margins above rule them out, and the
    // score test below stands in should one ever come.
    try {
      const boost::math::hypergeometric_distribution<double> h(static_cast<unsigned>(events),
                                                               static_cast<unsigned>(canary_total),
                                                               static_cast<unsigned>(total));
      const auto x = static_cast<unsigned>(canary_events);
      r.p_less = std::min(1.0, boost::math::cdf(h, x));
      r.p_greater =
          x == 0 ? 1.0 : std::min(1.0, boost::math::cdf(boost::math::complement(h, x - 1)));
      return r;
    } catch (const std::exception&) {
    }
  }
  r.exact = false;
  const double p1 = static_cast<double>(canary_events) / static_cast<double>(canary_total);
  const double p2 = static_cast<double>(baseline_events) / static_cast<double>(baseline_total);
  const double pooled = static_cast<double>(events) / static_cast<double>(total);
  const double se =
      std::sqrt(pooled * (1 - pooled) *
                (1 / static_cast<double>(canary_total) + 1 / static_cast<double>(baseline_total)));
  const double z = (p1 - p2) / se;
  r.p_greater = NormalUpper(z);
  r.p_less = NormalCdf(z);
  return r;
}

Interval Wilson(int64_t events, int64_t total, double alpha_one_sided) {
  if (total <= 0) return {0, 1};
  const double n = static_cast<double>(total);
  const double p = static_cast<double>(events) / n;
  const double z = NormalQuantile(1 - alpha_one_sided);
  const double z2 = z * z;
  const double center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

Interval NewcombeDifference(int64_t canary_events, int64_t canary_total, int64_t baseline_events,
                            int64_t baseline_total, double alpha_one_sided) {
  const double p1 = static_cast<double>(canary_events) / static_cast<double>(canary_total);
  const double p2 = static_cast<double>(baseline_events) / static_cast<double>(baseline_total);
  const Interval w1 = Wilson(canary_events, canary_total, alpha_one_sided);
  const Interval w2 = Wilson(baseline_events, baseline_total, alpha_one_sided);
  const double d = p1 - p2;
  return {d - std::sqrt((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)),
          d + std::sqrt((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower))};
}

}  // namespace gori::stats
