#include "stats/multiplicity.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/normal.h"

namespace gori::stats {
namespace {

std::vector<std::size_t> OrderByP(std::span<const double> p) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return p[a] < p[b]; });
  return order;
}

}  // namespace

std::vector<double> HolmAdjust(std::span<const double> p) {
  const auto order = OrderByP(p);
  std::vector<double> out(p.size());
  const double m = static_cast<double>(p.size());
  double running = 0;
  for (std::size_t r = 0; r < order.size(); ++r) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(r)) * p[order[r]]));
    out[order[r]] = running;
  }
  return out;
}

std::vector<double> BenjaminiHochbergAdjust(std::span<const double> p) {
  const auto order = OrderByP(p);
  std::vector<double> out(p.size());
  const double m = static_cast<double>(p.size());
  double running = 1;
  for (std::size_t r = order.size(); r-- > 0;) {
    running = std::min(running, m / static_cast<double>(r + 1) * p[order[r]]);
    out[order[r]] = std::min(1.0, running);
  }
  return out;
}

double SpentAlpha(double alpha, double t, Spending kind) {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  if (kind == Spending::kPocock) return alpha * std::log(1 + (std::exp(1.0) - 1) * t);
  return 2 * NormalUpper(NormalQuantile(1 - alpha / 2) / std::sqrt(t));
}

double LookAlpha(double alpha, int look, int looks, Spending kind) {
  if (looks <= 1) return alpha;
  look = std::clamp(look, 1, looks);
  const double n = static_cast<double>(looks);
  return SpentAlpha(alpha, look / n, kind) - SpentAlpha(alpha, (look - 1) / n, kind);
}

}  // namespace gori::stats
