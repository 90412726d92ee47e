// src/cel/position.h
//
// Maps a byte offset inside a CEL expression back to the file the expression was read from,
// when the expression is the value of a YAML (or JSON) scalar: literal and folded block
// scalars (`|`, `>`, with indentation and chomping indicators), quoted and plain scalars,
// single- and multi-line. The result is a 1-based line and byte column in the file, ready for
// a finding or a caret under the offending token. Escapes inside quoted scalars that change
// the length of the text before the offset shift the column (best effort: the line is exact).
#pragma once

#include <cstdint>
#include <string_view>

#include "base/source_pos.h"
#include "doc/node.h"

namespace gori::cel {

// `file` is the whole source text the node was parsed from; `expression` the scalar's value.
SourcePos MapExpressionOffset(std::string_view file, std::string_view file_name,
                              const doc::Node& scalar, std::string_view expression,
                              uint32_t offset);

}  // namespace gori::cel
