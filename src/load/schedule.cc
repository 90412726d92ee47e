#include "load/schedule.h"

#include <cmath>

namespace gori::load {

ArrivalSchedule::ArrivalSchedule(std::vector<Stage> stages, Arrivals arrivals, uint64_t seed,
                                 int stride, int offset, int64_t max_arrivals)
    : stages_(std::move(stages)),
      arrivals_(arrivals),
      rng_(seed + static_cast<uint64_t>(offset) * 0x9e3779b97f4a7c15ull),
      stride_(stride < 1 ? 1 : stride),
      max_arrivals_(max_arrivals),
      next_index_(offset) {
  for (const Stage& s : stages_) duration_ns_ += s.duration_ns;
  if (max_arrivals_ > 0) {
    my_limit_ = max_arrivals_ / stride_ + (offset < max_arrivals_ % stride_ ? 1 : 0);
  }
}

double ArrivalSchedule::RateAt(int64_t t_ns) const {
  int64_t start = 0;
  for (const Stage& s : stages_) {
    if (t_ns < start + s.duration_ns) {
      const double f = static_cast<double>(t_ns - start) / static_cast<double>(s.duration_ns);
      return s.from_rps + (s.to_rps - s.from_rps) * f;
    }
    start += s.duration_ns;
  }
  return 0;
}

double ArrivalSchedule::ExpectedArrivals() const {
  double area = 0;
  for (const Stage& s : stages_) {
    area += static_cast<double>(s.duration_ns) / 1e9 * (s.from_rps + s.to_rps) / 2;
  }
  if (max_arrivals_ > 0 && area > static_cast<double>(max_arrivals_)) {
    return static_cast<double>(max_arrivals_);
  }
  return area;
}

std::optional<int64_t> ArrivalSchedule::TimeAt(double area) {
  while (stage_ < stages_.size()) {
    const Stage& s = stages_[stage_];
    const double d = static_cast<double>(s.duration_ns) / 1e9;
    const double a = s.from_rps;
    const double b = s.to_rps;
    const double stage_area = d * (a + b) / 2;
    const double c = area - stage_area_start_;
    if (c < stage_area) {
      // Solve a t + (b - a) t^2 / (2d) = c; this form is stable for ramps up, down and flat.
      const double k = (b - a) / (2 * d);
      const double root = std::sqrt(std::max(0.0, a * a + 4 * k * c));
      const double t = (a + root) > 0 ? 2 * c / (a + root) : 0;
      return stage_start_ns_ + static_cast<int64_t>(std::llround(t * 1e9));
    }
    stage_area_start_ += stage_area;
    stage_start_ns_ += s.duration_ns;
    ++stage_;
  }
  return std::nullopt;
}

std::optional<int64_t> ArrivalSchedule::Next() {
  if (my_limit_ >= 0 && taken_ >= my_limit_) return std::nullopt;
  std::optional<int64_t> t;
  if (arrivals_ == Arrivals::kConstant) {
    t = TimeAt(static_cast<double>(next_index_));
    next_index_ += stride_;
  } else {
    poisson_area_ += exp_(rng_) * stride_;
    t = TimeAt(poisson_area_);
  }
  if (t) ++taken_;
  return t;
}

}  // namespace gori::load
