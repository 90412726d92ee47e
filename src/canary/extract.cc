#include "canary/extract.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

namespace gori::canary {
namespace {

double ParseLe(std::string_view s) {
  if (s == "+Inf" || s == "Inf" || s == "inf") return std::numeric_limits<double>::infinity();
  double v = std::numeric_limits<double>::quiet_NaN();
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size())
    return std::numeric_limits<double>::quiet_NaN();
  return v;
}

}  // namespace

Points ExtractPoints(const prom::QueryResult& r, int64_t start_s, int64_t end_s, int64_t step_s,
                     bool sum) {
  Points out;
  out.present = !r.series.empty();
  // Instant -> (sum, count) over the series that have a finite value there.
  std::map<int64_t, std::pair<double, int>> at;
  for (const auto& s : r.series) {
    for (const auto& p : s.samples) {
      auto& slot = at[p.t_ms];
      if (std::isfinite(p.value)) {
        slot.first += p.value;
        slot.second += 1;
      }
    }
  }
  for (const auto& [t, v] : at) {
    if (v.second > 0) out.values.push_back(sum ? v.first : v.first / v.second);
  }
  const int64_t grid = step_s > 0 ? (end_s - start_s) / step_s + 1 : 0;
  out.dropped = std::max<int64_t>(0, grid - static_cast<int64_t>(out.values.size()));
  return out;
}

Counts ExtractCounts(const prom::QueryResult& numerator, const prom::QueryResult& denominator,
                     double scale) {
  Counts out;
  std::map<int64_t, double> den;
  for (const auto& s : denominator.series) {
    for (const auto& p : s.samples) {
      if (std::isfinite(p.value)) {
        den[p.t_ms] += p.value;
      } else {
        ++out.dropped;
      }
    }
  }
  out.present = !den.empty();
  // Events count only at instants where the denominator has data: both sides of the ratio
  // then describe the same requests.
  for (const auto& s : numerator.series) {
    for (const auto& p : s.samples) {
      if (!std::isfinite(p.value)) {
        ++out.dropped;
      } else if (den.count(p.t_ms) != 0) {
        out.events += p.value * scale;
      }
    }
  }
  for (const auto& [t, v] : den) out.total += v * scale;
  out.events = std::min(out.events, out.total);
  return out;
}

Buckets ExtractBuckets(const prom::QueryResult& r, double scale) {
  Buckets out;
  out.present = !r.series.empty();
  std::map<double, std::map<int64_t, double>> by_le;  // le -> instant -> value
  std::map<int64_t, bool> usable;                     // instant -> every bucket finite
  for (const auto& s : r.series) {
    const std::string_view le = s.Label("le");
    const double bound = ParseLe(le);
    if (le.empty() || std::isnan(bound)) {
      out.problem = "the query must return one series per bucket, by le";
      return out;
    }
    auto& series = by_le[bound];
    for (const auto& p : s.samples) {
      auto [it, fresh] = usable.emplace(p.t_ms, true);
      if (!std::isfinite(p.value)) it->second = false;
      series[p.t_ms] += p.value;
    }
  }
  for (auto& [t, ok] : usable) {
    for (const auto& [le, series] : by_le) ok = ok && series.count(t) != 0;
    if (!ok) ++out.dropped;
  }
  double previous = 0;
  for (const auto& [le, series] : by_le) {
    double cumulative = 0;
    for (const auto& [t, v] : series) {
      if (usable[t]) cumulative += v * scale;
    }
    cumulative = std::max(cumulative, previous);  // buckets are cumulative
    out.bounds.push_back(le);
    out.counts.push_back(cumulative - previous);
    previous = cumulative;
  }
  out.total = previous;
  return out;
}

void AlignBuckets(Buckets& a, Buckets& b) {
  std::vector<double> bounds = a.bounds;
  bounds.insert(bounds.end(), b.bounds.begin(), b.bounds.end());
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  for (Buckets* x : {&a, &b}) {
    std::vector<double> counts(bounds.size(), 0.0);
    for (std::size_t i = 0; i < x->bounds.size(); ++i) {
      const auto at = std::lower_bound(bounds.begin(), bounds.end(), x->bounds[i]) - bounds.begin();
      counts[static_cast<std::size_t>(at)] = x->counts[i];
    }
    x->bounds = bounds;
    x->counts = std::move(counts);
  }
}

double BucketValueAtRank(const Buckets& b, double rank) {
  double below = 0, lower_bound = 0, last_finite = 0;
  for (std::size_t i = 0; i < b.bounds.size(); ++i) {
    const double c = b.counts[i];
    const double upper = b.bounds[i];
    if (std::isinf(upper)) return last_finite;
    if (c > 0 && below + c >= rank) {
      const double f = std::clamp((rank - below) / c, 0.0, 1.0);
      return lower_bound + (upper - lower_bound) * f;
    }
    below += c;
    lower_bound = upper;
    last_finite = upper;
  }
  return last_finite;
}

}  // namespace gori::canary
