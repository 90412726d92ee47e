#include "stats/multiplicity.h"

#include <vector>

#include <gtest/gtest.h>

namespace gori::stats {
namespace {

TEST(Holm, StepDownAdjustedPValues) {
  // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02.
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const auto a = HolmAdjust(p);
  EXPECT_NEAR(a[0], 0.03, 1e-15);
  EXPECT_NEAR(a[1], 0.06, 1e-15);
  EXPECT_NEAR(a[2], 0.06, 1e-15);
  EXPECT_NEAR(a[3], 0.02, 1e-15);
}

TEST(BenjaminiHochberg, StepUpAdjustedPValues) {
  // p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02.
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const auto a = BenjaminiHochbergAdjust(p);
  EXPECT_NEAR(a[0], 0.02, 1e-15);
  EXPECT_NEAR(a[1], 0.04, 1e-15);
  EXPECT_NEAR(a[2], 0.04, 1e-15);
  EXPECT_NEAR(a[3], 0.02, 1e-15);
}

TEST(AlphaSpending, LanDeMetsFunctionsAtHalfInformation) {
  // O'Brien-Fleming-like: 2 - 2 Phi(1.959964 / sqrt(0.5)) = 0.005575; Pocock-like:
  // 0.05 ln(1 + (e - 1) / 2) = 0.031006.
  EXPECT_NEAR(SpentAlpha(0.05, 0.5, Spending::kObrienFleming), 0.005575, 2e-6);
  EXPECT_NEAR(SpentAlpha(0.05, 0.5, Spending::kPocock), 0.031006, 2e-6);
  EXPECT_DOUBLE_EQ(SpentAlpha(0.05, 1, Spending::kObrienFleming), 0.05);
}

TEST(AlphaSpending, LooksSpendTheWholeAlphaExactlyOnce) {
  double sum = 0;
  for (int k = 1; k <= 4; ++k) sum += LookAlpha(0.05, k, 4, Spending::kObrienFleming);
  EXPECT_NEAR(sum, 0.05, 1e-15);
  EXPECT_DOUBLE_EQ(LookAlpha(0.05, 1, 1, Spending::kPocock), 0.05);
}

}  // namespace
}  // namespace gori::stats
