#include "base/html_escape.h"

#include <gtest/gtest.h>

namespace gori {
namespace {

TEST(HtmlEscape, EscapesEverythingThatCanOpenMarkup) {
  EXPECT_EQ(HtmlEscape("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
}

TEST(HtmlEscape, KeepsValidUtf8AndReplacesWhatIsNotText) {
  EXPECT_EQ(HtmlEscape("\xc3\xbc\xf0\x9f\x98\x80 \xea\xb3\xa0\xeb\xa6\xac"),
            "\xc3\xbc\xf0\x9f\x98\x80 \xea\xb3\xa0\xeb\xa6\xac");
  EXPECT_EQ(HtmlEscape("a\xff"
                       "b"),
            "a\xef\xbf\xbd"
            "b");
  EXPECT_EQ(HtmlEscape("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(HtmlEscape("\xef\xbf\xbf"), "\xef\xbf\xbd");                          // U+FFFF
  EXPECT_EQ(HtmlEscape(std::string_view("x\0y\x1b\x7f", 5)),
            "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(HtmlEscape("tab\there\nline"), "tab\there\nline");
}

}  // namespace
}  // namespace gori
