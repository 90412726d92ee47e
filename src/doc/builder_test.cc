#include "doc/builder.h"

#include <initializer_list>
#include <string_view>

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

// A map of `keys` (values "0", "1", ... in order) built as a loader builds it.
const Node* BuildMap(Builder& b, std::initializer_list<std::string_view> keys) {
  EXPECT_TRUE(b.BeginMap(1, 1));
  static const char* const kValues[] = {"0", "1", "2", "3", "4", "5", "6", "7"};
  uint32_t i = 0;
  for (std::string_view k : keys) {
    b.AddScalar(k, ScalarTag::kString, true, 1, 1);
    b.AddScalar(kValues[i++], ScalarTag::kInt, true, 1, 1);
  }
  auto m = b.End();
  EXPECT_TRUE(m);
  return *m;
}

TEST(Builder, HintedLookupTriesTheHintAndRemembersWhereTheKeyWas) {
  Arena arena;
  Document d;
  Builder b(arena, d, {}, false);
  ASSERT_TRUE(b.BeginSeq(1, 1));
  const Node* a = BuildMap(b, {"apiVersion", "kind", "metadata", "spec"});
  const Node* c = BuildMap(b, {"spec", "kind"});
  ASSERT_TRUE(b.End());
  EXPECT_TRUE(a->unique_keys());
  uint32_t hint = 0;
  EXPECT_EQ(a->Get("spec", &hint)->text(), "3");  // a miss: found by search, remembered
  EXPECT_EQ(hint, 3u);
  EXPECT_EQ(a->Get("spec", &hint)->text(), "3");
  EXPECT_EQ(c->Get("spec", &hint)->text(), "0");  // the same key elsewhere in another shape
  EXPECT_EQ(hint, 0u);
  EXPECT_EQ(a->Get("spek", &hint), nullptr);  // absent: the hint is kept
  EXPECT_EQ(hint, 0u);
  hint = 1000;  // any value is safe
  EXPECT_EQ(a->Get("kind", &hint)->text(), "1");
  EXPECT_EQ(hint, 1u);
  EXPECT_EQ(a->Get("apiVersion", &hint)->text(), "0");  // same hint, other key: searched
  EXPECT_EQ(hint, 0u);
}

TEST(Builder, HintedLookupOfADuplicatedKeyGivesTheLastOccurrence) {
  Arena arena;
  Document d;
  Builder b(arena, d, {}, false);
  const Node* m = BuildMap(b, {"replicas", "spec", "replicas"});
  EXPECT_FALSE(m->unique_keys());
  ASSERT_EQ(d.duplicate_keys.size(), 1u);
  uint32_t hint = 0;  // points at the first occurrence, which Get() does not return
  EXPECT_EQ(m->Get("replicas", &hint)->text(), "2");
  EXPECT_EQ(m->Get("replicas", &hint)->text(), "2");
  // Only maps have keys: a scalar or sequence answers nullptr whatever the hint.
  uint32_t zero = 0;
  EXPECT_EQ(m->Get("spec")->Get("x", &zero), nullptr);
}

}  // namespace
}  // namespace gori::doc
