#include "k8s/quantity.h"

#include <gtest/gtest.h>

namespace gori::k8s {
namespace {

Int128 Milli(std::string_view s) {
  auto q = ParseQuantity(s);
  EXPECT_TRUE(q) << s;
  return q ? q->milli : -1;
}

TEST(Quantity, ParsesEverySuffixExactly) {
  EXPECT_EQ(Milli("250m"), 250);
  EXPECT_EQ(Milli("1"), 1000);
  EXPECT_EQ(Milli("0.5"), 500);
  EXPECT_EQ(Milli("1Ki"), 1024 * 1000);
  EXPECT_EQ(Milli("1Gi"), (static_cast<Int128>(1) << 30) * 1000);
  EXPECT_EQ(Milli("1.5Gi"), (static_cast<Int128>(3) << 29) * 1000);
  EXPECT_EQ(Milli("128974848"), static_cast<Int128>(128974848) * 1000);
  EXPECT_EQ(Milli("129e6"), static_cast<Int128>(129000000) * 1000);
  EXPECT_EQ(Milli("123M"), static_cast<Int128>(123000000) * 1000);
  EXPECT_EQ(Milli("1E"), static_cast<Int128>(1000000000000000000) * 1000);
  EXPECT_EQ(Milli("8Ei"), (static_cast<Int128>(8) << 60) * 1000);
  EXPECT_EQ(Milli("1n"), 1);  // rounded up to one milli-unit
  EXPECT_EQ(Milli("-1m"), -1);
  EXPECT_EQ(Milli("+2k"), 2000000);
}

TEST(Quantity, RejectsMalformed) {
  for (auto s : {"", "m", "1.2.3", "1Gb", "1 Gi", "1e", "abc", "1mi", "e3"}) {
    EXPECT_FALSE(ParseQuantity(s)) << s;
  }
  EXPECT_EQ(ParseQuantity("1Gb").error().message, "'1Gb' is not a quantity (unknown suffix 'Gb')");
}

TEST(Quantity, Compares) {
  EXPECT_TRUE(*ParseQuantity("500Mi") < *ParseQuantity("1Gi"));
  EXPECT_TRUE(*ParseQuantity("1000m") == *ParseQuantity("1"));
}

}  // namespace
}  // namespace gori::k8s
