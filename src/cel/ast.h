// src/cel/ast.h
//
// The compiled form of a CEL expression: nodes in the Program's arena, identifiers resolved to
// slots, functions resolved to plain function pointers, macros expanded to dedicated loop nodes.
// Every node keeps the byte offset of the token that produced it (its operator, its name, or
// its first character), so errors and findings can point at it. Nodes are immutable once the
// compiler returns them.
#pragma once

#include <cstdint>
#include <string_view>

#include "cel/value.h"

namespace gori::cel {

class EvalContext;
struct Expr;

// A library function. `args` holds the receiver first for member-style calls. Overloads by
// argument kind are resolved inside the function; a mismatch returns a "no such overload" error.
using Builtin = Value (*)(EvalContext& ctx, const Expr& call, const Value* args, uint32_t n);

enum class ExprKind : uint8_t {
  kConst,
  kIdent,      // before resolution: a name; after: a slot
  kSlot,       // variable or loop variable, `slot`
  kSelect,     // args[0].name
  kHas,        // has(args[0].name): presence test
  kOptSelect,  // args[0].?name
  kIndex,      // args[0][args[1]]
  kOptIndex,   // args[0][?args[1]]
  kCall,       // name(args...) or args[0].name(args[1..]) when `member`
  kList,       // [args...], opt[i] marks `?e` entries
  kMap,        // {args[2i]: args[2i+1]}, opt[i] marks `?k: v` entries
  kStruct,     // Name{...}: message construction (not supported without protobuf types)
  kAnd,
  kOr,
  kNot,
  kNeg,
  kCond,  // args[0] ? args[1] : args[2]
  // Macros. args[0] is the range; slot/slot2 the loop variables.
  kAll,
  kExists,
  kExistsOne,
  kMapMacro,           // args[1] transform, args[2] optional filter
  kFilter,             // args[1] predicate
  kTransformList,      // (i, v, [filter,] transform)
  kTransformMap,       // (k, v, [filter,] transform)
  kTransformMapEntry,  // (k, v, [filter,] entry map)
  kBind,               // cel.bind(slot, args[0], args[1])
  kOptMap,             // args[0].optMap(v, args[1])
  kOptFlatMap,         // args[0].optFlatMap(v, args[1])
};

enum class PathCmp : uint8_t { kNone, kLt, kLe, kGt, kGe, kEq, kNe };

struct Expr {
  ExprKind kind = ExprKind::kConst;
  bool member = false;   // kCall: receiver-style call
  bool two_var = false;  // macros: two loop variables
  bool has_filter = false;
  // kCall: `x.?a.?b.orValue(<constant>)` or `x.?a.?b.hasValue()`, which the evaluator walks
  // without building the optionals in between (same values, errors and cost).
  bool opt_path = false;
  // kCall: `<operand> <op> <constant>`, op one of < <= > >= == != (PathCmp), the constant an
  // int, string or bool and the operand a selection path or an optional chain
  // `b.?x.?y.orValue(<constant>)` on a variable or selection path, which the evaluator decides
  // on the document scalar in place when the operand is one of the constant's type (same value
  // and cost); kNone otherwise.
  PathCmp path_cmp = PathCmp::kNone;
  // path_cmp of a selection path with an int constant: the evaluator tries it first in a leaf
  // function that needs every step's lookup hint to hold.
  bool path_cmp_leaf = false;
  // kSelect: `v.a.b` on a variable (a selection path when `path_len` > 0), which the evaluator
  // walks in place while every step is a field of a document map (same values, errors and
  // cost): `slot` is v's, `path` the selections from v outwards (`v.a`, `v.a.b`).
  uint32_t path_len = 0;
  const Expr* const* path = nullptr;
  // kSelect, kOptSelect, kHas: where `name` was found in the last document map read (a hint for
  // doc::Node::Get, shared by the threads evaluating the program).
  mutable uint32_t hint = 0;
  uint32_t nargs = 0;
  uint32_t offset = 0;
  uint32_t slot = 0;
  uint32_t slot2 = 0;
  Value constant;
  std::string_view name;   // field, function or identifier name
  std::string_view name2;  // second loop variable name
  Builtin fn = nullptr;
  Expr** args = nullptr;
  const bool* opt = nullptr;  // kList / kMap: per element optional flags (nullptr: none)
  uint16_t min_version = 0;   // Kubernetes minor version a library function needs (0: any)
};

}  // namespace gori::cel
