#include "base/duration.h"

#include <gtest/gtest.h>

namespace gori {
namespace {

TEST(Duration, OneGrammarForEveryCommand) {
  EXPECT_EQ(*ParseDuration("250us"), 250'000);
  EXPECT_EQ(*ParseDuration("10s"), 10'000'000'000);
  EXPECT_EQ(*ParseDuration("1m30s"), 90'000'000'000);
  EXPECT_EQ(*ParseDuration("1.5ms"), 1'500'000);
  EXPECT_EQ(ParseDuration("5").error().message,
            "invalid duration '5': missing unit (use us, ms, s, m or h)");
  EXPECT_EQ(ParseDuration("-1s").error().message,
            "invalid duration '-1s': expected a number (e.g. 30s, 250ms)");
  EXPECT_EQ(FormatDuration(1'500'000'000), "1.5s");
  EXPECT_EQ(FormatDuration(250'000), "250us");
}

}  // namespace
}  // namespace gori
