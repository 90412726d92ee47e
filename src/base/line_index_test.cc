#include "base/line_index.h"

#include <gtest/gtest.h>

namespace gori {
namespace {

TEST(LineIndex, OffsetsMapToOneBasedLineAndColumn) {
  LineIndex idx("ab\ncd\r\n\nx");
  EXPECT_EQ(idx.At(0).line, 1u);
  EXPECT_EQ(idx.At(0).column, 1u);
  EXPECT_EQ(idx.At(1).column, 2u);
  EXPECT_EQ(idx.At(3).line, 2u);
  EXPECT_EQ(idx.At(3).column, 1u);
  EXPECT_EQ(idx.At(8).line, 4u);
  EXPECT_EQ(idx.LineCount(), 4u);
}

TEST(LineIndex, ColumnsCountCharacters) {
  LineIndex idx("a\n한글: x");
  EXPECT_EQ(idx.At(2).column, 1u);
  EXPECT_EQ(idx.At(5).column, 2u);   // 글
  EXPECT_EQ(idx.At(10).column, 5u);  // x
}

TEST(LineIndex, LineTextHasNoTerminator) {
  LineIndex idx("ab\ncd\r\n\nx");
  EXPECT_EQ(idx.Line(1), "ab");
  EXPECT_EQ(idx.Line(2), "cd");
  EXPECT_EQ(idx.Line(3), "");
  EXPECT_EQ(idx.Line(4), "x");
  EXPECT_EQ(idx.Line(5), "");
  EXPECT_EQ(idx.Line(0), "");
}

}  // namespace
}  // namespace gori
