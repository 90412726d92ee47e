// src/cel/lib_optional.cc
//
// Optional values (cel-go OptionalTypes, Kubernetes 1.29): optional.of / none / ofNonZeroValue,
// hasValue, value, orValue, or. Like the API server, `orValue` and `or` on a value that is not
// optional return that value unchanged.
#include <string>

#include "cel/functions.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

Value Of(EvalContext& ctx, const Expr&, const Value* a, uint32_t) { return ctx.Some(a[0]); }
Value None(EvalContext&, const Expr&, const Value*, uint32_t) { return Value::None(); }

bool IsZero(const Value& v) {
  switch (v.kind) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return !v.b;
    case Kind::kInt:
      return v.i == 0;
    case Kind::kUint:
      return v.u == 0;
    case Kind::kDouble:
      return v.d == 0;
    case Kind::kString:
    case Kind::kBytes:
    case Kind::kList:
    case Kind::kMap:
      return v.size == 0;
    case Kind::kTimestamp:
    case Kind::kDuration:
      return v.i == 0 && v.size == 0;
    default:
      return false;
  }
}

Value OfNonZero(EvalContext& ctx, const Expr&, const Value* a, uint32_t) {
  if (IsZero(a[0])) return Value::None();
  return ctx.Some(a[0]);
}

Value HasValue(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kOptional) return ctx.NoOverload(c);
  return Value::Bool(a[0].opt != nullptr);
}

Value Get(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kOptional) return ctx.NoOverload(c);
  if (a[0].opt == nullptr) return ctx.Error(c, "optional.none() dereference");
  return *a[0].opt;
}

Value OrValue(EvalContext&, const Expr&, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kOptional) return a[0];
  return a[0].opt ? *a[0].opt : a[1];
}

Value Or(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kOptional) return a[0];
  if (a[0].opt) return a[0];
  if (a[1].kind != Kind::kOptional) return ctx.NoOverload(c);
  return a[1];
}

constexpr FunctionDef kOptional[] = {
    {"optional.of", false, 1, Of, 29, "optional"},
    {"optional.none", false, 0, None, 29, "optional"},
    {"optional.ofNonZeroValue", false, 1, OfNonZero, 29, "optional"},
    {"hasValue", true, 1, HasValue, 29, "optional"},
    {"value", true, 1, Get, 29, "optional"},
    {"orValue", true, 2, OrValue, 29, "optional"},
    {"or", true, 2, Or, 29, "optional"},
};

}  // namespace

std::span<const FunctionDef> OptionalFunctions() { return kOptional; }

}  // namespace gori::cel
