#include "stats/rank_test.h"

#include <vector>

#include <gtest/gtest.h>

#include "stats/normal.h"

namespace gori::stats {
namespace {

// Hollander & Wolfe's permeability data, the two-sample example of R's wilcox.test help page:
// W = 35, exact one-sided p = 0.1272; the large-sample statistic without correction gives 0.1103.
const std::vector<double> kHwX = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
const std::vector<double> kHwY = {1.15, 0.88, 0.90, 0.74, 1.21};

TEST(MannWhitney, HollanderWolfeExactOneSidedMatchesPublishedP) {
  const RankTest r = MannWhitney(/*baseline=*/kHwY, /*canary=*/kHwX);
  EXPECT_TRUE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 35);
  EXPECT_NEAR(r.p_greater, 0.1272, 5e-5);
  EXPECT_NEAR(r.p_two_sided, 0.2544, 1e-4);
}

TEST(MannWhitney, HollanderWolfeLargeSampleStatisticMatchesPublishedP) {
  // The same data as ordered categories of one observation each take the normal path.
  std::vector<double> all = kHwX;
  all.insert(all.end(), kHwY.begin(), kHwY.end());
  std::sort(all.begin(), all.end());
  std::vector<double> b(all.size()), c(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const bool in_x = std::find(kHwX.begin(), kHwX.end(), all[i]) != kHwX.end();
    (in_x ? c : b)[i] = 1;
  }
  const RankTest r = MannWhitneyGrouped(b, c);
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.u, 35);
  EXPECT_NEAR(NormalUpper(r.z), 0.1103, 5e-5);
}

TEST(MannWhitney, MinimumAttainablePForSmallSamples) {
  // 1 / C(8,4), 1 / C(10,5), 1 / C(12,6): at four points per track nothing is significant at 0.01.
  const std::vector<double> b4 = {1, 2, 3, 4}, c4 = {5, 6, 7, 8};
  EXPECT_NEAR(MannWhitney(b4, c4).min_p_one_sided, 1.0 / 70, 1e-12);
  EXPECT_NEAR(MannWhitney(b4, c4).p_greater, 1.0 / 70, 1e-12);
  const std::vector<double> b5 = {1, 2, 3, 4, 5}, c5 = {6, 7, 8, 9, 10};
  EXPECT_NEAR(MannWhitney(b5, c5).min_p_one_sided, 1.0 / 252, 1e-12);
  const std::vector<double> b6 = {1, 2, 3, 4, 5, 6}, c6 = {7, 8, 9, 10, 11, 12};
  EXPECT_NEAR(MannWhitney(b6, c6).min_p_one_sided, 1.0 / 924, 1e-12);
}

TEST(MannWhitney, SevenHundredsAgainstTenOnesIsHighlySignificant) {
  // The spinnaker#6278 data: ten baseline points of 1, canary seven 100s and three 1s.
  const std::vector<double> b(10, 1.0);
  std::vector<double> c(7, 100.0);
  c.insert(c.end(), 3, 1.0);
  const RankTest r = MannWhitney(b, c);
  EXPECT_FALSE(r.exact);  // ties
  EXPECT_DOUBLE_EQ(r.u, 85);
  EXPECT_LT(r.p_greater, 0.001);
  const Shift s = HodgesLehmann(b, c, 0.05);
  EXPECT_DOUBLE_EQ(s.estimate, 99);
  EXPECT_DOUBLE_EQ(s.lower, 99);
}

TEST(MannWhitney, AllValuesTiedGivesNoEvidence) {
  const std::vector<double> b(8, 3.0), c(8, 3.0);
  const RankTest r = MannWhitney(b, c);
  EXPECT_DOUBLE_EQ(r.p_greater, 1);
  EXPECT_DOUBLE_EQ(r.p_less, 1);
  EXPECT_DOUBLE_EQ(r.effect_a(), 0.5);
}

TEST(ExactU, DistributionOfTwoAgainstTwo) {
  // The six arrangements of two x among four places give U = 0,1,2,2,3,4.
  const ExactU d(2, 2);
  EXPECT_NEAR(d.Cdf(0), 1.0 / 6, 1e-15);
  EXPECT_NEAR(d.Cdf(2), 4.0 / 6, 1e-15);
  EXPECT_NEAR(d.Upper(3), 2.0 / 6, 1e-15);
  EXPECT_EQ(d.Quantile(0.5), 2);
}

TEST(HodgesLehmann, FourAgainstFourIsTheMedianOfSixteenDifferences) {
  // Kayenta's 4-vs-4 tie-out vector: the median of the pairwise differences is 22.5.
  const std::vector<double> b = {1, 2, 3, 4}, c = {10, 20, 30, 40};
  const Shift s = HodgesLehmann(b, c, 0.025);
  EXPECT_DOUBLE_EQ(s.estimate, 22.5);
  EXPECT_TRUE(s.exact);
  // qwilcox(0.025, 4, 4) = 1: the interval spans the smallest to the largest difference.
  EXPECT_DOUBLE_EQ(s.lower, 6);
  EXPECT_DOUBLE_EQ(s.upper, 39);
}

TEST(HodgesLehmann, HollanderWolfeIntervalUsesTheTabulatedCriticalValue) {
  // R's estimate for these data is 0.305. Tables of the rank-sum test give the two-sided 5 %
  // critical U for sizes 5 and 10 as 8, so the 95 % interval runs from the 9th smallest to the
  // 9th largest of the 50 pairwise differences.
  const ExactU d(10, 5);
  EXPECT_LE(d.Cdf(8), 0.025);
  EXPECT_GT(d.Cdf(9), 0.025);
  std::vector<double> diffs;
  for (double x : kHwX) {
    for (double y : kHwY) diffs.push_back(x - y);
  }
  std::sort(diffs.begin(), diffs.end());
  const Shift s = HodgesLehmann(kHwY, kHwX, 0.025);
  EXPECT_NEAR(s.estimate, 0.305, 1e-12);
  EXPECT_DOUBLE_EQ(s.lower, diffs[8]);
  EXPECT_DOUBLE_EQ(s.upper, diffs[41]);
  EXPECT_NEAR(s.level, 1 - 2 * d.Cdf(8), 1e-15);
}

TEST(HodgesLehmann, KthDifferenceMatchesBruteForce) {
  const std::vector<double> b = {-3.5, -1, 0, 0.25, 2, 7}, c = {-2, 0, 1, 1, 4};
  std::vector<double> d;
  for (double x : c) {
    for (double y : b) d.push_back(x - y);
  }
  std::sort(d.begin(), d.end());
  std::vector<double> bs = b, cs = c;
  std::sort(bs.begin(), bs.end());
  std::sort(cs.begin(), cs.end());
  for (std::size_t k = 1; k <= d.size(); ++k) {
    EXPECT_DOUBLE_EQ(KthPairwiseDifference(bs, cs, static_cast<int64_t>(k)), d[k - 1]) << k;
  }
}

TEST(HodgesLehmann, IdenticalSamplesGiveZeroShift) {
  const std::vector<double> v = {5, 1, 4, 2, 3, 6, 8, 7};
  const Shift s = HodgesLehmann(v, v, 0.05);
  EXPECT_DOUBLE_EQ(s.estimate, 0);
  EXPECT_LE(s.lower, 0);
  EXPECT_GE(s.upper, 0);
}

}  // namespace
}  // namespace gori::stats
