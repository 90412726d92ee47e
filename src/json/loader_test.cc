#include "json/loader.h"

#include <string>

#include <gtest/gtest.h>

namespace gori::json {
namespace {

doc::LoadedFile Make(std::string text) {
  doc::LoadedFile f;
  f.source = Source::FromString("t.json", std::move(text));
  return f;
}

TEST(JsonLoader, BuildsTreeWithPositions) {
  auto f = Make(
      "{\n  \"kind\": \"Pod\",\n  \"spec\": {\"n\": 3, \"f\": 1.5, \"b\": true, \"z\": null,"
      " \"a\": [\"x\", \"y\\n\"]}\n}\n");
  auto st = Load(f);
  ASSERT_TRUE(st) << st.error().ToString();
  const doc::Node* r = f.documents[0].root;
  ASSERT_TRUE(r->IsMap());
  EXPECT_EQ(r->Get("kind")->text(), "Pod");
  EXPECT_EQ(r->Get("kind")->line(), 2u);
  EXPECT_EQ(r->Get("kind")->column(), 11u);
  EXPECT_EQ(r->pairs()[0].key->column(), 3u);
  const doc::Node* spec = r->Get("spec");
  EXPECT_EQ(spec->Get("n")->AsInt(), 3);
  EXPECT_EQ(spec->Get("f")->AsDouble(), 1.5);
  EXPECT_EQ(spec->Get("b")->AsBool(), true);
  EXPECT_TRUE(spec->Get("z")->IsNull());
  EXPECT_EQ(spec->Get("a")->items()[1]->text(), "y\n");
  EXPECT_FALSE(spec->Get("a")->items()[0]->plain());
}

TEST(JsonLoader, StringsThatLookLikeYamlBooleansStayStrings) {
  auto f = Make(R"({"a": "on", "b": "0755"})");
  ASSERT_TRUE(Load(f));
  EXPECT_TRUE(f.documents[0].root->Get("a")->IsString());
  EXPECT_TRUE(f.documents[0].root->Get("b")->IsString());
}

TEST(JsonLoader, DuplicateKeysRecorded) {
  auto f = Make(R"({"a": 1, "a": 2})");
  ASSERT_TRUE(Load(f));
  EXPECT_EQ(f.documents[0].duplicate_keys.size(), 1u);
  EXPECT_EQ(f.documents[0].root->Get("a")->AsInt(), 2);
}

TEST(JsonLoader, BrokenJsonIsAnErrorWithPosition) {
  auto f = Make("{\n  \"a\": [1, 2,\n  \"b\": 3\n}\n");
  auto st = Load(f);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().file, "t.json");
  EXPECT_GE(st.error().line, 1u);
  EXPECT_EQ(st.error().message.rfind("invalid JSON: ", 0), 0u) << st.error().message;
  EXPECT_TRUE(f.documents.empty());
}

TEST(JsonLoader, TrailingContentIsAnError) {
  auto f = Make("{\"a\": 1} {\"b\": 2}");
  auto st = Load(f);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().line, 1u);
}

TEST(JsonLoader, DeepNestingFails) {
  auto f = Make(std::string(300, '[') + std::string(300, ']'));
  auto st = Load(f, doc::BuildLimits{.max_depth = 100});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message, "nesting deeper than 100 levels");
  EXPECT_EQ(st.error().column, 101u);
}

TEST(JsonLoader, LooksLikeJson) {
  EXPECT_TRUE(LooksLikeJson("  \n{\"a\":1}"));
  EXPECT_TRUE(LooksLikeJson("[1]"));
  EXPECT_FALSE(LooksLikeJson("a: 1"));
  EXPECT_FALSE(LooksLikeJson(""));
}

}  // namespace
}  // namespace gori::json
