#include "doc/fields.h"

#include <gtest/gtest.h>

namespace gori::doc {
namespace {

// A small tree by hand: {n: 3, s: "x", t: true, d: "1m30s", l: ["a", 1]} at known positions.
struct Tree {
  Node n = Node::Scalar("3", ScalarTag::kInt, true, 1, 4);
  Node s = Node::Scalar("x", ScalarTag::kString, false, 2, 4);
  Node t = Node::Scalar("true", ScalarTag::kBool, true, 3, 4);
  Node d = Node::Scalar("1m30s", ScalarTag::kString, true, 4, 4);
  Node a = Node::Scalar("a", ScalarTag::kString, true, 5, 6);
  Node one = Node::Scalar("1", ScalarTag::kInt, true, 5, 9);
};

TEST(Fields, TypedValuesOrErrorsAtTheNode) {
  Tree t;
  FieldReader f("c.yaml");
  EXPECT_EQ(*f.Int(&t.n, "n", 1), 3);
  EXPECT_EQ(f.Int(&t.n, "n", 5).error().ToString(),
            "c.yaml:1:4: n must be an integer of at least 5");
  EXPECT_EQ(*f.String(&t.s, "s"), "x");
  EXPECT_EQ(f.String(&t.n, "n").error().ToString(), "c.yaml:1:4: n must be a string");
  EXPECT_EQ(*f.Text(&t.n, "n"), "3");
  EXPECT_TRUE(*f.Bool(&t.t, "t"));
  EXPECT_EQ(f.Bool(&t.s, "s").error().ToString(), "c.yaml:2:4: s must be true or false");
  EXPECT_EQ(*f.Duration(&t.d, "d"), 90'000'000'000);
  EXPECT_EQ(f.Duration(&t.s, "s").error().ToString(),
            "c.yaml:2:4: s: invalid duration 'x': expected a number (e.g. 30s, 250ms)");
  EXPECT_EQ(*f.Number(&t.n, "n"), 3.0);
  EXPECT_EQ(f.Map(&t.s, "webhook").error().ToString(), "c.yaml:2:4: webhook must be a map");
  std::vector<std::string> out;
  EXPECT_EQ(f.Strings(&t.s, "l", out).error().ToString(), "c.yaml:2:4: l must be a list");
  EXPECT_TRUE(f.Strings(nullptr, "l", out));
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace gori::doc
