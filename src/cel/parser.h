// src/cel/parser.h
//
// CEL text to an unresolved AST (names still names) in the caller's Arena, following the
// grammar of the CEL language definition: operator precedence, member chains, list/map/message
// literals, optional selection and indexing (`a.?b`, `a[?k]`, `[?x]`, `{?k: v}`), and the
// standard macros expanded to loop nodes. Nesting deeper than `max_depth` is an error rather
// than a stack overflow. The first error stops the parse and carries the byte offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "base/arena.h"
#include "cel/ast.h"

namespace gori::cel {

struct ParseOptions {
  uint32_t max_depth = 500;     // nested expressions (parentheses, calls, operators)
  uint32_t max_size = 100'000;  // source bytes
  bool macros = true;
};

struct ParseError {
  uint32_t offset = 0;
  std::string message;
};

tl::expected<Expr*, ParseError> Parse(std::string_view src, Arena& arena,
                                      const ParseOptions& options = {});

}  // namespace gori::cel
