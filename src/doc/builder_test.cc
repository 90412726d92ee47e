#include "doc/builder.h"

#include <gtest/gtest.h>

namespace gori::doc {
namespace {

TEST(Builder, BuildsNestedContainers) {
  Arena arena;
  Document d;
  Builder b(arena, d, {}, false);
  ASSERT_TRUE(b.BeginMap(1, 1));
  b.AddScalar("k", ScalarTag::kString, true, 1, 1);
  ASSERT_TRUE(b.BeginSeq(1, 4));
  b.AddScalar("1", ScalarTag::kInt, true, 1, 5);
  b.AddScalar("2", ScalarTag::kInt, true, 1, 8);
  ASSERT_TRUE(b.End());
  auto root = b.End();
  ASSERT_TRUE(root);
  EXPECT_EQ(b.root(), *root);
  EXPECT_EQ(ExpandedSize(*root, 100), 5u);
  EXPECT_GE(ExpandedSize(*root, 2), 3u);  // stops once past the cap
  EXPECT_LE(ExpandedSize(*root, 2), 5u);
  EXPECT_EQ((*root)->Get("k")->size(), 2u);
  EXPECT_EQ((*root)->Get("k")->items()[1]->AsInt(), 2);
  EXPECT_EQ((*root)->Get("missing"), nullptr);
}

TEST(Builder, AliasLimitCountsExpandedNodes) {
  Arena arena;
  Document d;
  Builder b(arena, d, BuildLimits{.max_depth = 10, .max_alias_nodes = 5}, false);
  ASSERT_TRUE(b.BeginSeq(1, 1));
  const Node* x = b.AddScalar("x", ScalarTag::kString, true, 1, 2);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(b.AddAlias(x, {}));
  auto st = b.AddAlias(x, SourcePos{"f", 3, 4});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().line, 3u);
}

}  // namespace
}  // namespace gori::doc
