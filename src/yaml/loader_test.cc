#include "yaml/loader.h"

#include <string>

#include <gtest/gtest.h>

namespace gori::yaml {
namespace {

doc::LoadedFile Make(std::string text) {
  doc::LoadedFile f;
  f.source = Source::FromString("t.yaml", std::move(text));
  return f;
}

TEST(YamlLoader, PositionsAreOneBased) {
  auto f = Make("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n");
  ASSERT_TRUE(Load(f));
  ASSERT_EQ(f.documents.size(), 1u);
  const doc::Node* name = f.documents[0].root->Path({"metadata", "name"});
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->text(), "web");
  EXPECT_EQ(name->line(), 4u);
  EXPECT_EQ(name->column(), 9u);
  EXPECT_EQ(f.documents[0].root->line(), 1u);
  EXPECT_EQ(f.documents[0].root->column(), 1u);
}

TEST(YamlLoader, MultipleDocumentsAndEmptyOnes) {
  auto f = Make("a: 1\n---\n---\nb: 2\n");
  ASSERT_TRUE(Load(f));
  ASSERT_EQ(f.documents.size(), 3u);
  EXPECT_NE(f.documents[0].root, nullptr);
  EXPECT_TRUE(f.documents[1].root->IsNull());  // libyaml reads an empty document as null
  EXPECT_EQ(f.documents[2].root->Get("b")->line(), 4u);
  EXPECT_EQ(f.documents[2].line, 3u);
}

TEST(YamlLoader, Yaml11ScalarsResolveLikeKubernetes) {
  auto f = Make(
      "a: on\nb: \"on\"\nc: y\nd: 0755\ne: 1e3\nf: ~\ng: no\nh: 0x1F\ni: '0755'\nj: 1_000\n"
      "k: plain\nl: !!str 12\nm: -.inf\n");
  ASSERT_TRUE(Load(f));
  const doc::Node* r = f.documents[0].root;
  EXPECT_TRUE(r->Get("a")->IsBool());
  EXPECT_EQ(r->Get("a")->AsBool(), true);
  EXPECT_TRUE(r->Get("b")->IsString());
  EXPECT_EQ(r->Get("c")->AsBool(), true);
  EXPECT_EQ(r->Get("d")->AsInt(), 493);
  EXPECT_EQ(r->Get("d")->text(), "0755");
  EXPECT_EQ(r->Get("e")->tag(), doc::ScalarTag::kFloat);
  EXPECT_EQ(r->Get("e")->AsInt(), 1000);
  EXPECT_TRUE(r->Get("f")->IsNull());
  EXPECT_EQ(r->Get("g")->AsBool(), false);
  EXPECT_EQ(r->Get("h")->AsInt(), 31);
  EXPECT_TRUE(r->Get("i")->IsString());
  EXPECT_EQ(r->Get("j")->AsInt(), 1000);
  EXPECT_TRUE(r->Get("k")->IsString());
  EXPECT_TRUE(r->Get("l")->IsString());
  EXPECT_EQ(r->Get("m")->tag(), doc::ScalarTag::kFloat);
}

TEST(YamlLoader, DuplicateKeyIsRecordedAtTheSecondOccurrence) {
  auto f = Make("metadata:\n  name: a\n  labels: {}\n  name: b\n");
  ASSERT_TRUE(Load(f));
  const auto& d = f.documents[0];
  ASSERT_EQ(d.duplicate_keys.size(), 1u);
  EXPECT_EQ(d.duplicate_keys[0].first->line(), 2u);
  EXPECT_EQ(d.duplicate_keys[0].duplicate->line(), 4u);
  EXPECT_EQ(d.duplicate_keys[0].duplicate->column(), 3u);
  EXPECT_EQ(d.root->Path({"metadata", "name"})->text(), "b");  // last one wins
}

TEST(YamlLoader, DuplicateKeysInLargeMaps) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "k" + std::to_string(i) + ": 1\n";
  text += "k7: 2\nk7: 3\n";
  auto f = Make(text);
  ASSERT_TRUE(Load(f));
  const auto& d = f.documents[0];
  ASSERT_EQ(d.duplicate_keys.size(), 2u);
  EXPECT_EQ(d.duplicate_keys[0].first->line(), 8u);
  EXPECT_EQ(d.duplicate_keys[0].duplicate->line(), 41u);
  EXPECT_EQ(d.duplicate_keys[1].first->line(), 8u);
  EXPECT_EQ(d.duplicate_keys[1].duplicate->line(), 42u);
}

TEST(YamlLoader, AliasesAndMergeKeys) {
  auto f =
      Make("base: &b\n  cpu: 100m\n  memory: 1Gi\nx:\n  <<: *b\n  memory: 2Gi\nlist: [*b, *b]\n");
  ASSERT_TRUE(Load(f));
  const doc::Node* r = f.documents[0].root;
  const doc::Node* x = r->Get("x");
  EXPECT_EQ(x->Get("cpu")->text(), "100m");
  EXPECT_EQ(x->Get("memory")->text(), "2Gi");
  EXPECT_EQ(x->size(), 2u);
  EXPECT_TRUE(f.documents[0].duplicate_keys.empty());
  EXPECT_EQ(r->Get("list")->items()[1]->Get("cpu")->line(), 2u);
}

TEST(YamlLoader, AliasBombFailsFastWithPosition) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    text.push_back(c);
    text.append(": &");
    text.push_back(c);
    text.append(" [");
    for (int i = 0; i < 10; ++i) {
      text.append(i ? ", *" : "*");
      text.push_back(prev);
    }
    text.append("]\n");
    prev = c;
  }
  auto f = Make(text);
  auto st = Load(f);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().file, "t.yaml");
  EXPECT_NE(st.error().message.find("alias bomb"), std::string::npos) << st.error().message;
  EXPECT_GT(st.error().line, 1u);
  EXPECT_TRUE(f.documents.empty());
}

TEST(YamlLoader, DeepNestingFailsWithPosition) {
  std::string text(1000, '[');
  auto f = Make(text);
  auto st = Load(f, doc::BuildLimits{.max_depth = 100});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message, "nesting deeper than 100 levels");
  EXPECT_EQ(st.error().line, 1u);
  EXPECT_EQ(st.error().column, 101u);
}

TEST(YamlLoader, SyntaxErrorHasPositionAndKeepsEarlierDocuments) {
  auto f = Make("a: 1\n---\nb: [1, 2\nc: 3\n");
  auto st = Load(f);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().ToString(),
            "t.yaml:4:2: while parsing a flow sequence did not find expected ',' or ']'");
  ASSERT_EQ(f.documents.size(), 1u);
  EXPECT_EQ(f.documents[0].root->Get("a")->AsInt(), 1);
}

TEST(YamlLoader, BinaryInputIsAnError) {
  auto f = Make(std::string("\x00\x01\x02\xff\xfe garbage", 14));
  auto st = Load(f);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().file, "t.yaml");
  EXPECT_GE(st.error().line, 1u);
}

TEST(YamlLoader, UnknownAliasIsAnError) {
  auto f = Make("a: *nope\n");
  auto st = Load(f);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().ToString(),
            "t.yaml:1:4: alias '*nope' refers to an unknown or unfinished anchor");
}

}  // namespace
}  // namespace gori::yaml
