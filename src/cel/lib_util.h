// src/cel/lib_util.h
//
// Helpers shared by the library files: argument kind checks, UTF-8 code point walking, Go-style
// number formatting, and the arena list/map builders.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cel/eval.h"
#include "cel/value.h"

namespace gori::cel {

// Number of code points in valid UTF-8 text.
uint32_t CodePointCount(std::string_view s);
// Byte offset of code point `index` (index may equal the count: the end).
std::size_t CodePointOffset(std::string_view s, uint32_t index);
// Decodes the code points of s.
std::vector<uint32_t> CodePoints(std::string_view s);
void AppendUtf8(std::string& out, uint32_t cp);
bool ValidUtf8(std::string_view s);

// strconv.FormatFloat(d, 'g', -1, 64) as Go writes it (cel-go's string(double)).
std::string FormatDoubleGo(double d);

Value MakeList(EvalContext& ctx, const std::vector<Value>& items);
Value MakeStringList(EvalContext& ctx, const std::vector<std::string>& items);

inline bool Is(const Value& v, Kind k) { return v.kind == k; }

}  // namespace gori::cel
