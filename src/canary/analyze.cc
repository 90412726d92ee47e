#include "canary/analyze.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "canary/extract.h"
#include "stats/normal.h"
#include "stats/proportions.h"
#include "stats/rank_test.h"

namespace gori::canary {
namespace {

bool Relative(const MetricResult& r) { return r.config->margin.relative; }

// A value in the estimate's terms, for reasons.
std::string Show(const MetricResult& r, double v) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  if (r.config->kind == Kind::kRatio) return fmt::format("{:+.3f}pp", v * 100);
  if (Relative(r)) return fmt::format("{:+.1f}%", v * 100);
  return fmt::format("{:+.4g}", v);
}

std::string Interval(const MetricResult& r, double lo, double hi) {
  return fmt::format("[{}, {}]", Show(r, lo), Show(r, hi));
}

double Median(std::vector<double> v) {
  if (v.empty()) return kNone;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string NoData(const MetricResult& r) {
  if (r.n_baseline <= 0 && r.n_canary <= 0) return "no data for either track";
  return r.n_canary <= 0 ? "no data for the canary track" : "no data for the baseline track";
}

// The bad-direction p value from the two one-sided ones.
double BadP(Direction d, double p_greater, double p_less) {
  switch (d) {
    case Direction::kIncrease:
      return p_greater;
    case Direction::kDecrease:
      return p_less;
    case Direction::kBoth:
      return std::min(1.0, 2 * std::min(p_greater, p_less));
  }
  return 1;
}

Class Classify(Direction d, double lo, double hi, double margin, bool significant) {
  const bool high = significant && lo > margin;
  const bool low = significant && hi < -margin;
  switch (d) {
    case Direction::kIncrease:
      if (high) return Class::kHigh;
      return hi <= margin ? Class::kPass : Class::kInconclusive;
    case Direction::kDecrease:
      if (low) return Class::kLow;
      return lo >= -margin ? Class::kPass : Class::kInconclusive;
    case Direction::kBoth:
      if (high) return Class::kHigh;
      if (low) return Class::kLow;
      return (hi <= margin && lo >= -margin) ? Class::kPass : Class::kInconclusive;
  }
  return Class::kInconclusive;
}

// Requests (or points) per track that would make the interval decide, assuming its width
// shrinks with the square root of n; 0 when no size would (the estimate sits on the margin).
double NeededN(Direction d, double n, double e, double lo, double hi, double margin) {
  if (!(n > 0) || !std::isfinite(lo) || !std::isfinite(hi)) return 0;
  auto side = [&](double bound_half, double distance) {
    if (!(distance > 0)) return 0.0;
    return std::ceil(n * (bound_half / distance) * (bound_half / distance));
  };
  double need = 0;
  if (d != Direction::kDecrease) {  // the upper side against +margin
    need = std::max(need, e < margin ? side(hi - e, margin - e) : side(e - lo, e - margin));
  }
  if (d != Direction::kIncrease) {  // the lower side against -margin
    need = std::max(need, e > -margin ? side(e - lo, e + margin) : side(hi - e, -margin - e));
  }
  return std::max(need, n + 1);
}

void AnalyzeSeries(MetricResult& r, const TrackData& b, const TrackData& c, const Window& w,
                   double alpha) {
  const bool sum = r.config->kind == Kind::kCounterRate;
  Points pb = ExtractPoints(b.main, w.start_s, w.end_s, w.step_s, sum);
  Points pc = ExtractPoints(c.main, w.start_s, w.end_s, w.step_s, sum);
  r.dropped_baseline = pb.dropped;
  r.dropped_canary = pc.dropped;
  r.n_baseline = static_cast<double>(pb.values.size());
  r.n_canary = static_cast<double>(pc.values.size());
  r.baseline_points = pb.values;
  r.canary_points = pc.values;
  if (pb.values.empty() || pc.values.empty()) {
    r.cls = Class::kNodata;
    r.reason = NoData(r);
    return;
  }
  r.baseline_level = Median(pb.values);
  r.canary_level = Median(pc.values);
  std::vector<double> sb = pb.values, sc = pc.values;
  std::sort(sb.begin(), sb.end());
  std::sort(sc.begin(), sc.end());
  if (sb == sc) {
    r.identical = true;
    r.cls = Class::kPass;
    r.estimate = r.lower = r.upper = 0;
    r.p = 1;
    r.effect = 0.5;
    r.reason = "identical data in both tracks";
    return;
  }
  const stats::RankTest t = stats::MannWhitney(pb.values, pc.values);
  r.p = BadP(r.config->direction, t.p_greater, t.p_less);
  r.effect = t.effect_a();
  const stats::Shift s = stats::HodgesLehmann(pb.values, pc.values, alpha);
  double scale = 1;
  r.margin = r.config->margin.value;
  if (Relative(r)) {
    const double level = std::fabs(r.baseline_level);
    if (level > 0) {
      scale = 1 / level;
    } else {
      r.margin = 0;  // a relative margin of nothing: only "no change" can pass
    }
  }
  r.estimate = s.estimate * scale;
  r.lower = s.lower * scale;
  r.upper = s.upper * scale;
  r.testable = true;
  const double min_p =
      r.config->direction == Direction::kBoth ? 2 * t.min_p_one_sided : t.min_p_one_sided;
  if (min_p > alpha) {
    r.underpowered = true;
    r.testable = false;
    r.cls = Class::kInconclusive;
    r.reason = fmt::format(
        "underpowered: {} baseline and {} canary points can never be significant at alpha "
        "{:.4g} (smallest attainable p {:.4g})",
        pb.values.size(), pc.values.size(), alpha, min_p);
    r.n_needed = NeededN(r.config->direction, std::min(r.n_baseline, r.n_canary), r.estimate,
                         r.lower, r.upper, r.margin);
  }
}

void AnalyzeRatio(MetricResult& r, const Config& cfg, const TrackData& b, const TrackData& c,
                  const Window& w, double alpha) {
  const double scale = r.config->values_are_rates ? static_cast<double>(w.step_s) : 1.0;
  const Counts cb = ExtractCounts(b.main, b.denominator, scale);
  const Counts cc = ExtractCounts(c.main, c.denominator, scale);
  r.dropped_baseline = cb.dropped;
  r.dropped_canary = cc.dropped;
  const auto eb = static_cast<int64_t>(std::llround(cb.events));
  const auto nb = static_cast<int64_t>(std::llround(cb.total));
  const auto ec = static_cast<int64_t>(std::llround(cc.events));
  const auto nc = static_cast<int64_t>(std::llround(cc.total));
  r.n_baseline = static_cast<double>(nb);
  r.n_canary = static_cast<double>(nc);
  if (!cb.present || !cc.present || nb <= 0 || nc <= 0) {
    r.cls = Class::kNodata;
    r.reason = NoData(r);
    return;
  }
  const double pb = static_cast<double>(eb) / static_cast<double>(nb);
  const double pc = static_cast<double>(ec) / static_cast<double>(nc);
  r.baseline_level = pb;
  r.canary_level = pc;
  r.estimate = pc - pb;
  const stats::Interval ci = stats::NewcombeDifference(ec, nc, eb, nb, alpha);
  r.lower = ci.lower;
  r.upper = ci.upper;
  const stats::FisherResult f = stats::FisherExact(ec, nc, eb, nb);
  r.p = BadP(r.config->direction, f.p_greater, f.p_less);
  r.effect = pb > 0 ? pc / pb : kNone;
  r.margin = Relative(r) ? r.config->margin.value * pb : r.config->margin.value;
  r.testable = true;
  if (std::min(nb, nc) < cfg.min_requests) {
    r.testable = false;
    r.cls = Class::kInconclusive;
    r.reason =
        fmt::format("too few requests: {} baseline, {} canary (minRequests {}); {} {}", nb, nc,
                    cfg.min_requests, Show(r, r.estimate), Interval(r, r.lower, r.upper));
    r.n_needed =
        std::max<double>(static_cast<double>(cfg.min_requests),
                         NeededN(r.config->direction, static_cast<double>(std::min(nb, nc)),
                                 r.estimate, r.lower, r.upper, r.margin));
  }
}

void AnalyzeHistogram(MetricResult& r, const Config& cfg, const TrackData& b, const TrackData& c,
                      const Window& w, double alpha) {
  const double scale = r.config->values_are_rates ? static_cast<double>(w.step_s) : 1.0;
  Buckets bb = ExtractBuckets(b.main, scale);
  Buckets bc = ExtractBuckets(c.main, scale);
  r.dropped_baseline = bb.dropped;
  r.dropped_canary = bc.dropped;
  if (!bb.problem.empty() || !bc.problem.empty()) {
    r.cls = Class::kNodata;
    r.reason = !bb.problem.empty() ? bb.problem : bc.problem;
    return;
  }
  AlignBuckets(bb, bc);
  r.n_baseline = std::round(bb.total);
  r.n_canary = std::round(bc.total);
  r.bucket_bounds = bb.bounds;
  r.baseline_buckets = bb.counts;
  r.canary_buckets = bc.counts;
  if (r.n_baseline <= 0 || r.n_canary <= 0) {
    r.cls = Class::kNodata;
    r.reason = NoData(r);
    return;
  }
  const stats::RankTest t = stats::MannWhitneyGrouped(bb.counts, bc.counts);
  r.effect = t.effect_a();
  r.baseline_level = BucketValueAtRank(bb, bb.total / 2);
  r.canary_level = BucketValueAtRank(bc, bc.total / 2);
  const auto& qs = r.config->quantiles;
  const double k = static_cast<double>(qs.size());
  // Each quantile at alpha / k. The bounds of the two tracks' order-statistic intervals are
  // combined by the method of variance estimates recovery (MOVER, as in Newcombe's interval
  // for a difference), on the log scale for relative margins.
  const double z = stats::NormalQuantile(1 - alpha / k);
  double p_min = 1;
  for (double q : qs) {
    QuantileResult qr;
    qr.q = q;
    auto bounds = [&](const Buckets& x, double& at, double& lo, double& hi) {
      const double n = x.total, sd = std::sqrt(n * q * (1 - q));
      at = BucketValueAtRank(x, q * n);
      lo = BucketValueAtRank(x, std::clamp(q * n - z * sd, 0.0, n));
      hi = BucketValueAtRank(x, std::clamp(q * n + z * sd, 0.0, n));
    };
    double b_lo = 0, b_hi = 0, c_lo = 0, c_hi = 0;
    bounds(bb, qr.baseline, b_lo, b_hi);
    bounds(bc, qr.canary, c_lo, c_hi);
    auto mover = [](double d, double c_down, double b_up, double c_up, double b_down, double& lower,
                    double& upper) {
      lower = d - std::sqrt(c_down * c_down + b_up * b_up);
      upper = d + std::sqrt(c_up * c_up + b_down * b_down);
    };
    if (Relative(r)) {
      const double inf = std::numeric_limits<double>::infinity();
      if (qr.baseline > 0 && qr.canary > 0) {
        const double lb = std::log(qr.baseline), lc = std::log(qr.canary);
        double lower = 0, upper = 0;
        mover(lc - lb, lc - std::log(c_lo), std::log(b_hi) - lb, std::log(c_hi) - lc,
              lb - std::log(b_lo), lower, upper);
        qr.estimate = std::exp(lc - lb) - 1;
        qr.lower = std::exp(lower) - 1;
        qr.upper = std::exp(upper) - 1;
      } else {
        qr.estimate = qr.baseline > 0 ? -1 : (qr.canary > 0 ? inf : 0);
        qr.lower = b_hi > 0 ? c_lo / b_hi - 1 : (c_lo > 0 ? inf : -1);
        qr.upper = b_lo > 0 ? c_hi / b_lo - 1 : (c_hi > 0 ? inf : 0);
      }
    } else {
      qr.estimate = qr.canary - qr.baseline;
      mover(qr.estimate, qr.canary - c_lo, b_hi - qr.baseline, c_hi - qr.canary, qr.baseline - b_lo,
            qr.lower, qr.upper);
    }
    // Tail above the finite bucket bound nearest (on the log scale) to the baseline's quantile,
    // in both tracks.
    std::size_t cut = 0;
    for (std::size_t i = 0; i < bb.bounds.size(); ++i) {
      if (!std::isfinite(bb.bounds[i]) || bb.bounds[i] <= 0) continue;
      const double here = std::fabs(std::log(bb.bounds[i] / std::max(qr.baseline, 1e-300)));
      const double best = std::fabs(std::log(bb.bounds[cut] / std::max(qr.baseline, 1e-300)));
      if (bb.bounds[cut] <= 0 || !std::isfinite(bb.bounds[cut]) || here < best) cut = i;
    }
    double tail_b = 0, tail_c = 0;
    for (std::size_t i = cut + 1; i < bb.bounds.size(); ++i) {
      tail_b += bb.counts[i];
      tail_c += bc.counts[i];
    }
    const stats::FisherResult f = stats::FisherExact(std::llround(tail_c), std::llround(bc.total),
                                                     std::llround(tail_b), std::llround(bb.total));
    qr.p = std::min(1.0, k * BadP(r.config->direction, f.p_greater, f.p_less));
    p_min = std::min(p_min, qr.p);
    r.quantiles.push_back(qr);
  }
  r.p = p_min;
  r.margin = r.config->margin.value;
  r.testable = true;
  // Until Decide: the quantile with the highest upper bound stands for the metric.
  const QuantileResult* worst = &r.quantiles[0];
  for (const auto& qr : r.quantiles) {
    if (qr.upper > worst->upper) worst = &qr;
  }
  r.estimate = worst->estimate;
  r.lower = worst->lower;
  r.upper = worst->upper;
  if (std::min(r.n_baseline, r.n_canary) < static_cast<double>(cfg.min_requests)) {
    r.testable = false;
    r.cls = Class::kInconclusive;
    r.reason = fmt::format("too few requests: {} baseline, {} canary (minRequests {})",
                           r.n_baseline, r.n_canary, cfg.min_requests);
    r.n_needed = static_cast<double>(cfg.min_requests);
  }
}

std::string QuantileName(double q) { return fmt::format("p{:g}", q * 100); }

}  // namespace

std::string_view ClassName(Class c) {
  switch (c) {
    case Class::kPass:
      return "pass";
    case Class::kHigh:
      return "high";
    case Class::kLow:
      return "low";
    case Class::kNodata:
      return "nodata";
    case Class::kInconclusive:
      return "inconclusive";
  }
  return "?";
}

MetricResult Analyze(const MetricConfig& m, const Config& c, const TrackData& baseline,
                     const TrackData& canary, const Window& w, double alpha) {
  MetricResult r;
  r.config = &m;
  r.cls = Class::kInconclusive;
  switch (m.kind) {
    case Kind::kGauge:
    case Kind::kCounterRate:
      AnalyzeSeries(r, baseline, canary, w, alpha);
      break;
    case Kind::kRatio:
      AnalyzeRatio(r, c, baseline, canary, w, alpha);
      break;
    case Kind::kLatencyHistogram:
      AnalyzeHistogram(r, c, baseline, canary, w, alpha);
      break;
  }
  if (r.cls == Class::kNodata && m.must_have_data) r.reason += " (mustHaveData)";
  return r;
}

void Decide(MetricResult& r, double alpha) {
  if (!r.testable) return;
  const Direction d = r.config->direction;
  const bool significant = r.p_adjusted <= alpha;
  if (!r.quantiles.empty()) {
    // Every quantile decides on its own; the metric takes the worst (fail, then inconclusive,
    // then pass) and reports that quantile.
    const QuantileResult* chosen = nullptr;
    auto rank = [](Class c) { return c == Class::kPass ? 0 : c == Class::kInconclusive ? 1 : 2; };
    for (auto& q : r.quantiles) {
      q.cls = Classify(d, q.lower, q.upper, r.margin, significant && q.p <= alpha);
      if (chosen == nullptr || rank(q.cls) > rank(chosen->cls) ||
          (rank(q.cls) == rank(chosen->cls) && q.upper > chosen->upper)) {
        chosen = &q;
      }
    }
    r.cls = chosen->cls;
    r.estimate = chosen->estimate;
    r.lower = chosen->lower;
    r.upper = chosen->upper;
    const std::string name = QuantileName(chosen->q);
    const std::string est =
        fmt::format("{} {} {}", name, Show(r, r.estimate), Interval(r, r.lower, r.upper));
    if (r.cls == Class::kPass) {
      r.reason =
          fmt::format("every quantile within margin {}: worst {}", r.config->margin.text, est);
    } else if (r.cls == Class::kInconclusive) {
      r.n_needed =
          NeededN(d, std::min(r.n_baseline, r.n_canary), r.estimate, r.lower, r.upper, r.margin);
      r.reason = fmt::format("{} straddles margin {}; about {} requests per track would decide",
                             est, r.config->margin.text, r.n_needed);
    } else {
      r.reason =
          fmt::format("{} beyond margin {} (p {:.3g})", est, r.config->margin.text, r.p_adjusted);
    }
    return;
  }
  r.cls = Classify(d, r.lower, r.upper, r.margin, significant);
  const std::string est = fmt::format("{} {}", Show(r, r.estimate), Interval(r, r.lower, r.upper));
  const std::string unit = r.config->kind == Kind::kRatio ? "requests" : "points";
  switch (r.cls) {
    case Class::kPass:
      r.reason = fmt::format("{} within margin {}", est, r.config->margin.text);
      break;
    case Class::kHigh:
    case Class::kLow:
      r.reason =
          fmt::format("{} beyond margin {} (p {:.3g})", est, r.config->margin.text, r.p_adjusted);
      break;
    default:
      r.n_needed =
          NeededN(d, std::min(r.n_baseline, r.n_canary), r.estimate, r.lower, r.upper, r.margin);
      r.reason = fmt::format("{} straddles margin {}; about {} {} per track would decide", est,
                             r.config->margin.text, r.n_needed, unit);
  }
}

}  // namespace gori::canary
