// src/base/display_width.h
//
// How many terminal cells text takes, for carets drawn under a byte column: East Asian wide
// and fullwidth characters (Hangul, CJK ideographs, kana, fullwidth forms, most emoji) take
// two, combining marks and zero-width characters none, everything else one. The tables cover
// the ranges of Unicode's EastAsianWidth W/F and the common combining blocks, not every
// code point's property; invalid UTF-8 counts one cell per byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gori {

// Cells of one code point: 0, 1 or 2.
int CodePointWidth(char32_t c);

// The blanks that put a caret under column `column` (1-based, in characters as SourcePos counts
// them) of `line`: one space per cell of the text before it, tabs kept as tabs so they expand
// the same way. A column past the end stops at the end.
std::string CaretPadding(std::string_view line, uint32_t column);

}  // namespace gori
