#include "report/escape.h"

#include <gtest/gtest.h>

namespace gori::report {
namespace {

std::string Xml(std::string_view s, bool attribute) {
  std::string out;
  AppendXml(s, out, attribute);
  return out;
}

TEST(Escape, XmlEscapesMarkupAndQuotes) {
  EXPECT_EQ(Xml("a<b>&\"c\"'d'", false), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
}

TEST(Escape, XmlAttributesKeepLineBreaksAsReferences) {
  EXPECT_EQ(Xml("a\nb\tc\rd", true), "a&#10;b&#9;c&#13;d");
  EXPECT_EQ(Xml("a\nb\tc\rd", false), "a\nb\tc&#13;d");
}

TEST(Escape, XmlReplacesForbiddenControlsAndInvalidUtf8) {
  EXPECT_EQ(Xml(std::string_view("a\x01"
                                 "b\x7f",
                                 4),
                false),
            "a\xef\xbf\xbd"
            "b\xef\xbf\xbd");
  EXPECT_EQ(Xml("\xff\xfe", false), "\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(Xml("\xef\xbf\xbf", false), "\xef\xbf\xbd");  // U+FFFF is not XML
  EXPECT_EQ(Xml("\xed\xa0\x80", false), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(Xml("\xc3\xbc\xf0\x9f\x98\x80", false), "\xc3\xbc\xf0\x9f\x98\x80");  // kept
}

TEST(Escape, GithubDataEncodesPercentAndLineBreaks) {
  std::string out;
  AppendGithubData("100% done\r\nnext: a,b", out);
  EXPECT_EQ(out, "100%25 done%0D%0Anext: a,b");
}

TEST(Escape, GithubPropertyAlsoEncodesColonAndComma) {
  std::string out;
  AppendGithubProperty("sec-x (high): a,b%\n", out);
  EXPECT_EQ(out, "sec-x (high)%3A a%2Cb%25%0A");
}

TEST(Escape, UriPathEncodesReservedBytes) {
  std::string out;
  AppendUriPath("charts/my chart/templates/a:b#c?d%e.yaml", out);
  EXPECT_EQ(out, "charts/my%20chart/templates/a%3Ab%23c%3Fd%25e.yaml");
  out.clear();
  AppendUriPath("d\xc3\xa9j\xc3\xa0.yaml", out);
  EXPECT_EQ(out, "d%C3%A9j%C3%A0.yaml");
}

TEST(Escape, ScriptJsonCannotCloseTheScriptElement) {
  std::string out;
  AppendScriptJson(R"({"m":"</script><!-- & "})", out);
  EXPECT_EQ(out, R"({"m":"\u003c/script\u003e\u003c!-- \u0026 "})");
}

TEST(Escape, Utf16ColumnCountsCodeUnits) {
  EXPECT_EQ(Utf16Column("abc", 3), 3u);
  // "ü" is 2 bytes, 1 unit; "😀" is 4 bytes, 2 units.
  EXPECT_EQ(Utf16Column("\xc3\xbcx", 3), 2u);
  EXPECT_EQ(Utf16Column("\xf0\x9f\x98\x80x", 5), 3u);
  EXPECT_EQ(Utf16Column("ab", 4), 4u);  // past the end keeps its excess
}

}  // namespace
}  // namespace gori::report
