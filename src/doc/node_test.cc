#include "doc/node.h"

#include <gtest/gtest.h>

namespace gori::doc {
namespace {

TEST(ResolvePlainYaml11, BooleansNullsNumbersAndStrings) {
  for (auto s :
       {"y",    "Y",    "yes",   "Yes",   "YES",   "n",  "N",  "no", "No",  "NO",  "true",
        "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"}) {
    EXPECT_EQ(ResolvePlainYaml11(s), ScalarTag::kBool) << s;
  }
  for (auto s : {"", "~", "null", "Null", "NULL"})
    EXPECT_EQ(ResolvePlainYaml11(s), ScalarTag::kNull) << s;
  for (auto s : {"0", "-12", "+7", "0755", "0x1f", "0b101", "0o17", "1_000"}) {
    EXPECT_EQ(ResolvePlainYaml11(s), ScalarTag::kInt) << s;
  }
  for (auto s : {"1.5", "1e3", "-2.5E-3", ".5", ".inf", "-.Inf", ".NaN", "1."}) {
    EXPECT_EQ(ResolvePlainYaml11(s), ScalarTag::kFloat) << s;
  }
  for (auto s : {"yess", "nginx", "1Gi", "250m", "08:30", "0x", "1e", "~x", "o", "v1", "0.0.0.0"}) {
    EXPECT_EQ(ResolvePlainYaml11(s), ScalarTag::kString) << s;
  }
}

TEST(Node, TypedAccessors) {
  Node on = Node::Scalar("on", ScalarTag::kBool, true, 1, 1);
  Node off = Node::Scalar("Off", ScalarTag::kBool, true, 1, 1);
  Node n = Node::Scalar("N", ScalarTag::kBool, true, 1, 1);
  EXPECT_EQ(on.AsBool(), true);
  EXPECT_EQ(off.AsBool(), false);
  EXPECT_EQ(n.AsBool(), false);
  Node i = Node::Scalar("-0x10", ScalarTag::kInt, true, 1, 1);
  EXPECT_EQ(i.AsInt(), -16);
  Node f = Node::Scalar("2.0", ScalarTag::kFloat, true, 1, 1);
  EXPECT_EQ(f.AsInt(), 2);
  Node g = Node::Scalar("2.5", ScalarTag::kFloat, true, 1, 1);
  EXPECT_EQ(g.AsInt(), std::nullopt);
  EXPECT_EQ(g.AsDouble(), 2.5);
  Node s = Node::Scalar("x", ScalarTag::kString, false, 1, 1);
  EXPECT_EQ(s.AsBool(), std::nullopt);
  EXPECT_EQ(s.AsString(), "x");
  EXPECT_EQ(i.AsString(), std::nullopt);
}

}  // namespace
}  // namespace gori::doc
