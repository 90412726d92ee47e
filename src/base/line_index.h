// src/base/line_index.h
//
// Maps byte offsets of a text to 1-based line:column (column in characters, as libyaml counts),
// and returns a line's text (for the caret excerpts in reports). One pass over the bytes.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gori {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  struct LineCol {
    uint32_t line;
    uint32_t column;
  };
  LineCol At(std::size_t offset) const;

  // The text of 1-based `line` without its line terminator; empty when out of range.
  std::string_view Line(uint32_t line) const;
  uint32_t LineCount() const { return static_cast<uint32_t>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

}  // namespace gori
