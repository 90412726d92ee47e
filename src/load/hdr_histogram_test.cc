#include "load/hdr_histogram.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace gori::load {
namespace {

int64_t ExactNearestRank(const std::vector<int64_t>& sorted, double p) {
  auto rank =
      static_cast<int64_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size()) - 1e-9));
  rank = std::clamp<int64_t>(rank, 1, static_cast<int64_t>(sorted.size()));
  return sorted[static_cast<std::size_t>(rank - 1)];
}

TEST(HdrHistogram, DefaultLayoutHas2048SubBucketsAnd23552Counters) {
  HdrHistogram h;
  EXPECT_EQ(h.CountsLength(), 23552u);
  EXPECT_EQ(h.lowest(), 1);
  EXPECT_EQ(h.highest(), 3'600'000'000);
  // Values below 2048 are exact; above, buckets double in width.
  EXPECT_EQ(h.LowestEquivalent(2047), 2047);
  EXPECT_EQ(h.HighestEquivalent(2047), 2047);
  EXPECT_EQ(h.LowestEquivalent(2049), 2048);
  EXPECT_EQ(h.HighestEquivalent(2049), 2049);
  EXPECT_EQ(h.LowestEquivalent(1'000'001), 999'936);
  EXPECT_EQ(h.HighestEquivalent(1'000'001), 1'000'447);
}

TEST(HdrHistogram, CreateRejectsBadLayouts) {
  EXPECT_EQ(HdrHistogram::Create(0, 100, 3).error().message,
            "histogram lowest value must be at least 1");
  EXPECT_EQ(HdrHistogram::Create(10, 15, 3).error().message,
            "histogram highest value must be at least twice the lowest value");
  EXPECT_EQ(HdrHistogram::Create(1, 100, 6).error().message,
            "histogram significant digits must be between 1 and 5");
  EXPECT_TRUE(HdrHistogram::Create(1000, 60'000'000, 2).has_value());
}

TEST(HdrHistogram, EmptyHistogramReportsZeros) {
  HdrHistogram h;
  EXPECT_EQ(h.TotalCount(), 0);
  EXPECT_EQ(h.ValueAtPercentile(99), 0);
  EXPECT_EQ(h.Min(), 0);
  EXPECT_EQ(h.Max(), 0);
  EXPECT_EQ(h.Mean(), 0.0);
}

TEST(HdrHistogram, MinMaxMeanAreExact) {
  HdrHistogram h;
  h.Record(1500);
  h.Record(250'000);
  h.Record(7);
  EXPECT_EQ(h.Min(), 7);
  EXPECT_EQ(h.Max(), 250'000);
  EXPECT_DOUBLE_EQ(h.Mean(), (1500.0 + 250000.0 + 7.0) / 3.0);
  EXPECT_EQ(h.ValueAtPercentile(100), 250'000);
  EXPECT_EQ(h.ValueAtPercentile(0), 7);
}

TEST(HdrHistogram, ValuesAboveHighestAreClampedAndCounted) {
  HdrHistogram h;
  h.Record(5'000'000'000);
  h.Record(-3);
  EXPECT_EQ(h.TotalCount(), 2);
  EXPECT_EQ(h.ClampedCount(), 1);
  EXPECT_EQ(h.Max(), 3'600'000'000);
  EXPECT_EQ(h.Min(), 0);
}

TEST(HdrHistogram, PercentilesMatchExactComputationWithinPrecision) {
  std::mt19937_64 rng(42);
  // Log-uniform over 1 µs .. 100 s exercises every bucket width.
  std::uniform_real_distribution<double> exponent(0.0, 8.0);
  for (int round = 0; round < 5; ++round) {
    HdrHistogram h;
    std::vector<int64_t> values;
    const int n = 20'000 + round * 7'919;
    for (int i = 0; i < n; ++i) {
      const auto v = static_cast<int64_t>(std::pow(10.0, exponent(rng)));
      values.push_back(v);
      h.Record(v);
    }
    std::sort(values.begin(), values.end());
    for (double p : {1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.99, 100.0}) {
      const int64_t exact = ExactNearestRank(values, p);
      const int64_t got = h.ValueAtPercentile(p);
      // Reported value is the top of the exact value's bucket: same bucket, ≤ 0.1 % above.
      EXPECT_GE(got, exact) << "p" << p;
      EXPECT_LE(got - exact, std::max<int64_t>(exact / 1000, 0)) << "p" << p;
      EXPECT_EQ(h.LowestEquivalent(got), h.LowestEquivalent(exact)) << "p" << p;
    }
    EXPECT_EQ(h.Max(), values.back());
    EXPECT_EQ(h.Min(), values.front());
  }
}

TEST(HdrHistogram, NearestRankOnSmallSets) {
  HdrHistogram h;
  for (int v = 1; v <= 1000; ++v) h.Record(v);
  EXPECT_EQ(h.ValueAtPercentile(50), 500);
  EXPECT_EQ(h.ValueAtPercentile(99), 990);
  EXPECT_EQ(h.ValueAtPercentile(99.9), 999);
  EXPECT_EQ(h.ValueAtPercentile(99.95), 1000);
}

TEST(HdrHistogram, MergeEqualsRecordingEverythingIntoOne) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(8.0, 2.0);
  HdrHistogram all;
  std::vector<HdrHistogram> parts(4);
  for (int i = 0; i < 40'000; ++i) {
    const auto v = static_cast<int64_t>(dist(rng));
    all.Record(v);
    parts[static_cast<std::size_t>(i) % parts.size()].Record(v);
  }
  HdrHistogram merged;
  for (const auto& p : parts) ASSERT_TRUE(merged.Add(p).has_value());
  ASSERT_EQ(merged.CountsLength(), all.CountsLength());
  for (std::size_t i = 0; i < all.CountsLength(); ++i) {
    ASSERT_EQ(merged.CountAtIndex(i), all.CountAtIndex(i)) << i;
  }
  EXPECT_EQ(merged.TotalCount(), all.TotalCount());
  EXPECT_EQ(merged.Min(), all.Min());
  EXPECT_EQ(merged.Max(), all.Max());
  EXPECT_NEAR(merged.Mean(), all.Mean(), 1e-6 * all.Mean());
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    EXPECT_EQ(merged.ValueAtPercentile(p), all.ValueAtPercentile(p));
  }
}

TEST(HdrHistogram, MergeRefusesDifferentLayouts) {
  HdrHistogram a;
  auto b = HdrHistogram::Create(1, 60'000'000, 3);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a.Add(*b).error().message, "cannot merge histograms with different layouts");
}

TEST(HdrHistogram, ResetEmptiesEverything) {
  HdrHistogram h;
  h.Record(10);
  h.Reset();
  EXPECT_EQ(h.TotalCount(), 0);
  EXPECT_EQ(h.CountAtIndex(10), 0);
  h.Record(3);
  EXPECT_EQ(h.Min(), 3);
}

}  // namespace
}  // namespace gori::load
