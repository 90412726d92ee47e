#include "stats/proportions.h"

#include <gtest/gtest.h>

namespace gori::stats {
namespace {

TEST(FisherExact, LadyTastingTeaMatchesR) {
  // fisher.test(matrix(c(3, 1, 1, 3), 2), alternative = "greater"): p = 0.2429 (17/70).
  const FisherResult r = FisherExact(3, 4, 1, 4);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.p_greater, 17.0 / 70, 1e-12);
  EXPECT_NEAR(r.p_less, 69.0 / 70, 1e-12);
}

TEST(FisherExact, NoEventsAnywhereIsNoEvidence) {
  const FisherResult r = FisherExact(0, 5, 0, 500);
  EXPECT_DOUBLE_EQ(r.p_greater, 1);
  EXPECT_DOUBLE_EQ(r.p_less, 1);
}

TEST(FisherExact, LargeCountsUseTheScoreTest) {
  const FisherResult r = FisherExact(300'000, 1'000'000, 250'000, 1'000'000);
  EXPECT_FALSE(r.exact);
  EXPECT_LT(r.p_greater, 1e-12);
}

TEST(Wilson, NewcombeSingleProportionExample) {
  // Newcombe (1998), 81/263: Wilson score interval 0.2553 to 0.3662.
  const Interval w = Wilson(81, 263, 0.025);
  EXPECT_NEAR(w.lower, 0.2553, 5e-5);
  EXPECT_NEAR(w.upper, 0.3662, 5e-5);
}

TEST(NewcombeDifference, PublishedMethodTenIntervals) {
  // Newcombe (1998), difference of independent proportions, method 10 (hybrid score):
  // 56/70 - 48/80 -> [0.0524, 0.3339]; 9/10 - 3/10 -> [0.1705, 0.8090].
  const Interval a = NewcombeDifference(56, 70, 48, 80, 0.025);
  EXPECT_NEAR(a.lower, 0.0524, 5e-5);
  EXPECT_NEAR(a.upper, 0.3339, 5e-5);
  const Interval b = NewcombeDifference(9, 10, 3, 10, 0.025);
  EXPECT_NEAR(b.lower, 0.1705, 5e-5);
  EXPECT_NEAR(b.upper, 0.8090, 5e-5);
}

TEST(NewcombeDifference, ZeroErrorsInFiveRequestsIsWide) {
  const Interval i = NewcombeDifference(0, 5, 10, 10'000, 0.05);
  EXPECT_GT(i.upper, 0.3);
  EXPECT_LT(i.lower, 0);
}

}  // namespace
}  // namespace gori::stats
