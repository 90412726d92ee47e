#include "load/schedule.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace gori::load {
namespace {

std::vector<int64_t> Drain(ArrivalSchedule& s) {
  std::vector<int64_t> out;
  while (auto t = s.Next()) out.push_back(*t);
  return out;
}

TEST(ArrivalSchedule, ConstantRateSpacesArrivalsEvenly) {
  ArrivalSchedule s({{1'000'000'000, 100, 100}}, Arrivals::kConstant, 1);
  auto t = Drain(s);
  ASSERT_EQ(t.size(), 100u);
  for (std::size_t i = 0; i < t.size(); ++i) EXPECT_EQ(t[i], static_cast<int64_t>(i) * 10'000'000);
  EXPECT_EQ(s.ExpectedArrivals(), 100);
}

TEST(ArrivalSchedule, LinearRampFollowsTheIntegralOfTheRate) {
  // 0 -> 100 req/s over 2 s: 100 arrivals, arrival i at sqrt(i / 25) s.
  ArrivalSchedule s({{2'000'000'000, 0, 100}}, Arrivals::kConstant, 1);
  auto t = Drain(s);
  ASSERT_EQ(t.size(), 100u);
  EXPECT_EQ(t[0], 0);
  EXPECT_EQ(t[25], 1'000'000'000);
  EXPECT_NEAR(static_cast<double>(t[99]), std::sqrt(99.0 / 25) * 1e9, 1);
  EXPECT_DOUBLE_EQ(s.RateAt(500'000'000), 25);
}

TEST(ArrivalSchedule, StagesChainAndRampDown) {
  auto stages = ParseStages("1s:0-100,1s:100,1s:100-0,1s:0");
  ASSERT_TRUE(stages.has_value());
  ArrivalSchedule s(*stages, Arrivals::kConstant, 1);
  auto t = Drain(s);
  EXPECT_EQ(t.size(), 200u);
  EXPECT_EQ(s.DurationNs(), 4'000'000'000);
  EXPECT_TRUE(std::is_sorted(t.begin(), t.end()));
  EXPECT_LT(t.back(), 3'000'000'000);
  // The flat stage starts after the 50 ramp-up arrivals, 10 ms apart.
  EXPECT_EQ(t[50], 1'000'000'000);
  EXPECT_EQ(t[51], 1'010'000'000);
}

TEST(ArrivalSchedule, WorkersShareTheGlobalScheduleWithoutGapsOrOverlap) {
  std::vector<Stage> stages = {{1'000'000'000, 0, 300}};
  ArrivalSchedule all(stages, Arrivals::kConstant, 1);
  auto want = Drain(all);
  std::vector<int64_t> got;
  for (int w = 0; w < 3; ++w) {
    ArrivalSchedule part(stages, Arrivals::kConstant, 1, 3, w);
    auto t = Drain(part);
    got.insert(got.end(), t.begin(), t.end());
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);
}

TEST(ArrivalSchedule, MaxArrivalsIsSplitAcrossWorkers) {
  std::vector<Stage> stages = {{10'000'000'000, 1000, 1000}};
  int64_t total = 0;
  for (int w = 0; w < 3; ++w) {
    ArrivalSchedule part(stages, Arrivals::kConstant, 1, 3, w, 100);
    total += static_cast<int64_t>(Drain(part).size());
  }
  EXPECT_EQ(total, 100);
  ArrivalSchedule poisson(stages, Arrivals::kPoisson, 1, 1, 0, 50);
  EXPECT_EQ(Drain(poisson).size(), 50u);
}

TEST(ArrivalSchedule, PoissonKeepsTheMeanRateWithExponentialGaps) {
  ArrivalSchedule s({{10'000'000'000, 1000, 1000}}, Arrivals::kPoisson, 12345);
  auto t = Drain(s);
  // 10 000 expected, standard deviation 100.
  EXPECT_NEAR(static_cast<double>(t.size()), 10'000, 400);
  ASSERT_TRUE(std::is_sorted(t.begin(), t.end()));
  // Exponential gaps: about e^-1 of them are longer than the mean (1 ms).
  int longer = 0;
  for (std::size_t i = 1; i < t.size(); ++i) longer += (t[i] - t[i - 1]) > 1'000'000;
  EXPECT_NEAR(static_cast<double>(longer) / static_cast<double>(t.size()), std::exp(-1.0), 0.03);
}

TEST(ArrivalSchedule, PoissonWorkersTogetherKeepTheRate) {
  std::vector<Stage> stages = {{10'000'000'000, 0, 2000}};
  std::size_t total = 0;
  for (int w = 0; w < 4; ++w) {
    ArrivalSchedule part(stages, Arrivals::kPoisson, 99, 4, w);
    total += Drain(part).size();
  }
  EXPECT_NEAR(static_cast<double>(total), 10'000, 400);
}

}  // namespace
}  // namespace gori::load
