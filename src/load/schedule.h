// src/load/schedule.h
//
// The open-model arrival schedule: the intended start time of every request of the whole run,
// fixed before the run and independent of responses, so a slow server cannot slow the arrivals
// down (coordinated omission). The arrival rate is piecewise linear over stages (a constant rate
// is one stage); arrival i happens when the integral of the rate reaches i (constant arrivals)
// or reaches the i-th point of a unit-rate Poisson process (Poisson arrivals: exponential gaps
// with the same mean rate, also while ramping).
//
// A run split over W workers gives worker w the arrivals w, w+W, w+2W, ... of the global
// schedule (Poisson: an independent process at 1/W of the rate, whose superposition is the
// global process), so no connection or thread owns a slot it cannot serve.
// Thread-compatible: one schedule per worker.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "load/units.h"

namespace gori::load {

enum class Arrivals { kConstant, kPoisson };

class ArrivalSchedule {
 public:
  // `max_arrivals` bounds the global count (0 = only the stages' end bounds the run).
  ArrivalSchedule(std::vector<Stage> stages, Arrivals arrivals, uint64_t seed, int stride = 1,
                  int offset = 0, int64_t max_arrivals = 0);

  // The next intended start of this worker's share, in ns from the run start; nullopt when the
  // schedule is over.
  std::optional<int64_t> Next();

  int64_t DurationNs() const { return duration_ns_; }
  // Requests per second the stages ask for at `t_ns` (0 after the end).
  double RateAt(int64_t t_ns) const;
  // The number of arrivals the whole run (all workers) expects: the integral of the rate.
  double ExpectedArrivals() const;

 private:
  std::optional<int64_t> TimeAt(double area);

  std::vector<Stage> stages_;
  Arrivals arrivals_;
  std::mt19937_64 rng_;
  std::exponential_distribution<double> exp_{1.0};
  int stride_;
  int64_t max_arrivals_;
  int64_t duration_ns_ = 0;

  int64_t next_index_;  // global index of this worker's next constant arrival
  double poisson_area_ = 0;
  int64_t taken_ = 0;      // arrivals this worker has handed out
  int64_t my_limit_ = -1;  // this worker's share of max_arrivals (-1 = none)

  // Cursor over the stages (areas only grow).
  std::size_t stage_ = 0;
  double stage_area_start_ = 0;
  int64_t stage_start_ns_ = 0;
};

}  // namespace gori::load
