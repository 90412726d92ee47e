#include "load/units.h"

#include <gtest/gtest.h>

namespace gori::load {
namespace {

TEST(ParseDuration, AcceptsEveryUnitAndCompounds) {
  EXPECT_EQ(*ParseDuration("250us"), 250'000);
  EXPECT_EQ(*ParseDuration("250\xc2\xb5s"), 250'000);
  EXPECT_EQ(*ParseDuration("15ms"), 15'000'000);
  EXPECT_EQ(*ParseDuration("1.5s"), 1'500'000'000);
  EXPECT_EQ(*ParseDuration("2m"), 120'000'000'000);
  EXPECT_EQ(*ParseDuration("1h"), 3'600'000'000'000);
  EXPECT_EQ(*ParseDuration("1m30s"), 90'000'000'000);
  EXPECT_EQ(*ParseDuration(" 10ns "), 10);
}

TEST(ParseDuration, ExplainsWhatIsWrong) {
  EXPECT_EQ(ParseDuration("").error().message,
            "invalid duration '': empty (e.g. 30s, 250ms, 1m30s)");
  EXPECT_EQ(ParseDuration("5").error().message,
            "invalid duration '5': missing unit (use us, ms, s, m or h)");
  EXPECT_EQ(ParseDuration("5x").error().message,
            "invalid duration '5x': unknown unit 'x' (use us, ms, s, m or h)");
  EXPECT_EQ(ParseDuration("ms").error().message,
            "invalid duration 'ms': expected a number (e.g. 30s, 250ms)");
  EXPECT_EQ(ParseDuration("-1s").error().message,
            "invalid duration '-1s': expected a number (e.g. 30s, 250ms)");
}

TEST(FormatDuration, PicksTheShortestExactUnit) {
  EXPECT_EQ(FormatDuration(2'000'000'000), "2s");
  EXPECT_EQ(FormatDuration(1'500'000'000), "1.5s");
  EXPECT_EQ(FormatDuration(250'000'000), "250ms");
  EXPECT_EQ(FormatDuration(80'000), "80us");
  EXPECT_EQ(FormatDuration(7), "7ns");
}

TEST(ParseStages, ConstantAndRampingParts) {
  auto s = ParseStages("30s:0-500,2m:500, 30s:500-0");
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->size(), 3u);
  EXPECT_EQ((*s)[0].duration_ns, 30'000'000'000);
  EXPECT_EQ((*s)[0].from_rps, 0);
  EXPECT_EQ((*s)[0].to_rps, 500);
  EXPECT_EQ((*s)[1].from_rps, 500);
  EXPECT_EQ((*s)[1].to_rps, 500);
  EXPECT_EQ((*s)[2].to_rps, 0);
}

TEST(ParseStages, ExplainsWhatIsWrong) {
  EXPECT_EQ(ParseStages("30s").error().message,
            "invalid stage '30s' in '30s': expected DURATION:RATE or DURATION:FROM-TO");
  EXPECT_EQ(ParseStages("30:5").error().message,
            "invalid stage '30:5': invalid duration '30': missing unit (use us, ms, s, m or h)");
  EXPECT_EQ(ParseStages("1s:fast").error().message,
            "invalid stage '1s:fast': invalid rate 'fast': expected requests per second, e.g. 500");
  EXPECT_EQ(ParseStages("0s:5").error().message, "invalid stage '0s:5': duration must be positive");
  EXPECT_EQ(ParseStages("").error().message, "invalid stages '': expected e.g. 30s:0-500,2m:500");
}

TEST(ParseRate, NumbersOnly) {
  EXPECT_EQ(*ParseRate("12.5"), 12.5);
  EXPECT_EQ(ParseRate("1k").error().message,
            "invalid rate '1k': expected requests per second, e.g. 500");
}

}  // namespace
}  // namespace gori::load

namespace gori::load {
namespace {

TEST(ParseShard, IndexOfCount) {
  auto s = ParseShard("2/4");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 4);
  EXPECT_TRUE(ParseShard("0/1"));
  for (const char* bad : {"4/4", "-1/4", "1/0", "1", "a/b", "1/4x", "/4", ""}) {
    auto r = ParseShard(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message,
              std::string("invalid shard '") + bad + "': want I/N with 0 <= I < N (e.g. 0/4)");
  }
}

}  // namespace
}  // namespace gori::load
