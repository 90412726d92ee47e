#include "json/loader.h"

#include <cstdio>
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

TEST(JsonLoader, PositionsAfterLongGapsAndManyLines) {
  // Indentation wider than the 16-byte scan steps, several newlines in one gap, CRLF lines.
  std::string text = "{\r\n" + std::string(40, ' ') + "\"a\":\n\n\n" + std::string(21, ' ') +
                     "[1,\r\n   2],  \"b\"  :  \"x\"}";
  auto f = Make(text);
  ASSERT_TRUE(Load(f));
  const doc::Node* r = f.documents[0].root;
  EXPECT_EQ(r->pairs()[0].key->line(), 2u);
  EXPECT_EQ(r->pairs()[0].key->column(), 41u);
  EXPECT_EQ(r->Get("a")->line(), 5u);
  EXPECT_EQ(r->Get("a")->column(), 22u);
  EXPECT_EQ(r->Get("a")->items()[1]->line(), 6u);
  EXPECT_EQ(r->Get("a")->items()[1]->column(), 4u);
  EXPECT_EQ(r->pairs()[1].key->column(), 9u);
  EXPECT_EQ(r->Get("b")->column(), 17u);
}

// Columns count characters, as libyaml does for YAML: Hangul (3 bytes each) before a value,
// within and across the 16-byte scan steps, and on a line after a non-ASCII one.
TEST(JsonLoader, ColumnsCountCharactersNotBytes) {
  auto f = Make(
      "{\"이름\": \"결제\", \"팀\": 1, \"가나다라마바사아자차\": [2],\n\"ü\": \"x\", \"k\": 3}");
  ASSERT_TRUE(Load(f));
  const doc::Node* r = f.documents[0].root;
  EXPECT_EQ(r->Get("이름")->column(), 8u);
  EXPECT_EQ(r->pairs()[1].key->column(), 14u);
  EXPECT_EQ(r->Get("팀")->column(), 19u);
  EXPECT_EQ(r->Get("가나다라마바사아자차")->items()[0]->column(), 37u);
  EXPECT_EQ(r->Get("ü")->line(), 2u);
  EXPECT_EQ(r->Get("ü")->column(), 6u);
  EXPECT_EQ(r->Get("k")->column(), 16u);
}

TEST(JsonLoader, EscapedKeysAndStringsAreUnescapedAndOutliveTheLoad) {
  std::string long_plain(100, 'p');
  auto f = Make("{\"k\\u0065y\": \"a\\\"b\", \"\": \"\", \"long\": \"" + long_plain +
                "\", \"tail\\\\\": \"\\u00e9" + std::string(30, 'x') + "\"}");
  ASSERT_TRUE(Load(f));
  // A second load on this thread reuses the parser's buffers; the first tree must not change.
  auto g = Make(R"({"other": "\u0041\u0042"})");
  ASSERT_TRUE(Load(g));
  const doc::Node* r = f.documents[0].root;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ(r->pairs()[0].key->text(), "key");
  EXPECT_EQ(r->Get("key")->text(), "a\"b");
  EXPECT_EQ(r->Get("")->text(), "");
  EXPECT_TRUE(r->Get("")->IsString());
  EXPECT_EQ(r->Get("long")->text(), long_plain);
  EXPECT_EQ(r->pairs()[3].key->text(), "tail\\");
  EXPECT_EQ(r->pairs()[3].value->text(), "\xc3\xa9" + std::string(30, 'x'));
  EXPECT_EQ(g.documents[0].root->Get("other")->text(), "AB");
}

TEST(JsonLoader, InputWithoutPaddingIsCopiedAndStillWorks) {
  // A mapped file that ends within the last bytes of its page has no padding after it.
  std::string path = ::testing::TempDir() + "/gori_json_unpadded.json";
  std::string body = "{\"kind\": \"Pod\", \"v\": \"";
  std::size_t size = (std::size_t{1} << 20) + 4096 - 8;  // past the mmap threshold
  body += std::string(size - body.size() - 2, 'v') + "\"}";
  ASSERT_EQ(body.size(), size);
  {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fwrite(body.data(), 1, body.size(), out);
    std::fclose(out);
  }
  auto src = Source::Read(path);
  ASSERT_TRUE(src) << src.error().ToString();
  EXPECT_FALSE((*src)->padded());
  doc::LoadedFile f;
  f.source = std::move(*src);
  ASSERT_TRUE(Load(f));
  EXPECT_EQ(f.documents[0].root->Get("kind")->text(), "Pod");
  EXPECT_EQ(f.documents[0].root->Get("v")->text().size(), size - 24);
  std::remove(path.c_str());
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

TEST(JsonLoader, ByteOrderMarkIsSkippedAndPositionsKept) {
  auto f = Make("\xEF\xBB\xBF{\"kind\": \"ConfigMap\"}");
  EXPECT_TRUE(LooksLikeJson(f.source->bytes()));
  ASSERT_TRUE(Load(f));
  EXPECT_EQ(f.documents[0].root->Get("kind")->text(), "ConfigMap");
  EXPECT_EQ(f.documents[0].root->Get("kind")->column(), 13u);
}

TEST(JsonLoader, MessagesSpeakOfTheInputNotOfTheParser) {
  for (const char* text : {"\"just a string\"", "{\"a\": tru}", "[1, 2",
                           "\xEF\xBB\xBF"
                           "5"}) {
    auto f = Make(text);
    auto st = Load(f);
    ASSERT_FALSE(st) << text;
    EXPECT_EQ(st.error().message.rfind("invalid JSON: ", 0), 0u) << st.error().message;
    for (const char* leak : {"get_", "simdjson", "document", "API", "()"}) {
      EXPECT_EQ(st.error().message.find(leak), std::string::npos) << st.error().message;
    }
  }
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
