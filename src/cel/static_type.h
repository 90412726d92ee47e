// src/cel/static_type.h
//
// The type of a compiled expression where its shape alone decides it, without a schema: what
// the API server's type checker also knows when `object`, `params` and the like are dyn.
// Literals, operators whose result type never depends on dyn operands (comparisons, `in`,
// `&&`, `!`, macros that test), conversions and library functions with one result type, and
// arithmetic or `?:` over operands of known equal types. Anything reading dyn data (a field, an
// index, a variable) is unknown. Names are cel-go's (`string`, `list(int)`, `map(string,
// dyn)`, `google.protobuf.Duration`), as the API server prints them.
#pragma once

#include <string>

#include "cel/ast.h"

namespace gori::cel {

// "" when the type depends on data (dyn).
std::string StaticType(const Expr& e);

}  // namespace gori::cel
