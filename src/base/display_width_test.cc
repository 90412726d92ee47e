#include "base/display_width.h"

#include <gtest/gtest.h>

namespace gori {
namespace {

TEST(DisplayWidth, WideCombiningAndPlain) {
  EXPECT_EQ(CodePointWidth(U'a'), 1);
  EXPECT_EQ(CodePointWidth(U'é'), 1);
  EXPECT_EQ(CodePointWidth(U'한'), 2);
  EXPECT_EQ(CodePointWidth(U'ㄱ'), 2);  // Hangul compatibility jamo
  EXPECT_EQ(CodePointWidth(U'漢'), 2);
  EXPECT_EQ(CodePointWidth(U'カ'), 2);
  EXPECT_EQ(CodePointWidth(U'Ａ'), 2);          // fullwidth
  EXPECT_EQ(CodePointWidth(U'\U0001F600'), 2);  // emoji
  EXPECT_EQ(CodePointWidth(U'\u0301'), 0);      // combining acute
  EXPECT_EQ(CodePointWidth(U'\u200D'), 0);      // zero-width joiner
  EXPECT_EQ(CodePointWidth(U'\uFF61'), 1);      // halfwidth katakana
}

// The caret goes under the column (in characters), counted in cells: "이름: " is 4 characters,
// 2 + 2 + 1 + 1 cells and 3 + 3 + 1 + 1 bytes.
TEST(DisplayWidth, CaretPaddingCountsCellsNotBytesOrCodePoints) {
  const std::string line = "이름: \"값\" # e\u0301t\u00e9";
  EXPECT_EQ(CaretPadding(line, 1), "");
  EXPECT_EQ(CaretPadding(line, 5), std::string(6, ' '));  // before the quote
  EXPECT_EQ(CaretPadding(line, 6), std::string(7, ' '));  // before 값
  EXPECT_EQ(CaretPadding(line, 7), std::string(9, ' '));  // after 값
  // e + combining acute is one cell.
  EXPECT_EQ(CaretPadding("e\u0301x", 3), " ");
  EXPECT_EQ(CaretPadding("\tk", 2), "\t");
  EXPECT_EQ(CaretPadding("ab", 99), "  ");
  EXPECT_EQ(CaretPadding("\xff"
                         "a",
                         3),
            "  ");  // invalid byte: one cell
}

}  // namespace
}  // namespace gori
