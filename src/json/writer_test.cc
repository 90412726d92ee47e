#include "json/writer.h"

#include <gtest/gtest.h>

namespace gori::json {
namespace {

TEST(JsonWriter, CompactNesting) {
  std::string out;
  Writer w(out);
  w.BeginObject().Member("a", 1).Key("b").BeginArray().String("x").Bool(false).Null().EndArray();
  w.Key("c").BeginObject().EndObject().Member("d", 1.5).EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":["x",false,null],"c":{},"d":1.5})");
}

TEST(JsonWriter, Indented) {
  std::string out;
  Writer w(out, 2);
  w.BeginObject().Member("a", "x").Key("b").BeginArray().Int(1).EndArray().EndObject();
  EXPECT_EQ(out, "{\n  \"a\": \"x\",\n  \"b\": [\n    1\n  ]\n}");
}

TEST(JsonWriter, EscapesControlCharactersAndInvalidUtf8) {
  std::string out;
  Writer::Escape(std::string("a\"\\\n\x01\xc3\xa9\xff", 8), out);
  EXPECT_EQ(out, "a\\\"\\\\\\n\\u0001\xc3\xa9\xef\xbf\xbd");
}

}  // namespace
}  // namespace gori::json
