// src/base/source_pos.h
//
// A position in an input file: 1-based line and column (column counts characters, YAML and JSON
// alike as libyaml does; bytes for ASCII manifests). `file` is a view whose storage outlives every
// position that names it (the Source that owns the bytes).
#pragma once

#include <cstdint>
#include <string_view>

namespace gori {

struct SourcePos {
  std::string_view file;
  uint32_t line = 0;  // 0 = unknown
  uint32_t column = 0;

  bool Known() const { return line != 0; }
};

}  // namespace gori
