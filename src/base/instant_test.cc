#include "base/instant.h"

#include <string>

#include <gtest/gtest.h>

namespace gori {
namespace {

TEST(ParseInstant, Rfc3339UtcAndEpochSeconds) {
  EXPECT_EQ(*ParseInstant("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*ParseInstant("2026-11-26T14:00:00Z"), 1795701600);
  EXPECT_DOUBLE_EQ(*ParseInstant("2026-11-26T14:00:00.25Z"), 1795701600.25);
  EXPECT_DOUBLE_EQ(*ParseInstant("@1795701600.5"), 1795701600.5);
  for (const char* bad :
       {"2026-11-26 14:00:00Z", "2026-11-26T14:00:00", "2026-02-30T00:00:00Z",
        "2026-11-26T24:00:00Z", "@-5", "@x", "2026-11-26T14:00:00.Z", "tomorrow"}) {
    auto r = ParseInstant(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find("want UTC like 2026-11-26T14:00:00Z"), std::string::npos);
  }
}

}  // namespace
}  // namespace gori
