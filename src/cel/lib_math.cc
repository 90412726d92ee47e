// src/cel/lib_math.cc
//
// cel-go's math extension: math.greatest / math.least over numbers (mixed kinds compare by
// value), rounding, abs, sign, classification, and integer bit operations.
#include <cmath>
#include <string>

#include "cel/functions.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

bool Numeric(const Value& v) {
  return v.kind == Kind::kInt || v.kind == Kind::kUint || v.kind == Kind::kDouble;
}

template <bool kGreatest>
Value Extreme(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  const Value* items = a;
  uint32_t count = n;
  std::vector<Value> tmp;
  if (n == 1 && a[0].kind == Kind::kList) {
    for (uint32_t i = 0; i < a[0].size; ++i) tmp.push_back(ListAt(a[0], i));
    items = tmp.data();
    count = static_cast<uint32_t>(tmp.size());
  }
  if (count == 0) return ctx.Error(c, "math.@max(list) argument must not be empty");
  Value best = items[0];
  if (!Numeric(best)) return ctx.NoOverload(c);
  for (uint32_t i = 1; i < count; ++i) {
    if (!Numeric(items[i])) return ctx.NoOverload(c);
    int r = Compare(items[i], best);
    if (r == 2) {
      if (items[i].kind == Kind::kDouble && std::isnan(items[i].d)) best = items[i];
      continue;
    }
    if (kGreatest ? r > 0 : r < 0) best = items[i];
  }
  return best;
}

template <int kOp>
Value Round(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kDouble) return ctx.NoOverload(c);
  double d = a[0].d;
  switch (kOp) {
    case 0:
      return Value::Double(std::ceil(d));
    case 1:
      return Value::Double(std::floor(d));
    case 2:
      return Value::Double(std::round(d));
    default:
      return Value::Double(std::trunc(d));
  }
}

Value Abs(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  switch (a[0].kind) {
    case Kind::kInt:
      if (a[0].i == INT64_MIN) return ctx.Error(c, "integer overflow");
      return Value::Int(a[0].i < 0 ? -a[0].i : a[0].i);
    case Kind::kUint:
      return a[0];
    case Kind::kDouble:
      return Value::Double(std::fabs(a[0].d));
    default:
      return ctx.NoOverload(c);
  }
}

Value Sign(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  switch (a[0].kind) {
    case Kind::kInt:
      return Value::Int(a[0].i > 0 ? 1 : (a[0].i < 0 ? -1 : 0));
    case Kind::kUint:
      return Value::Uint(a[0].u > 0 ? 1 : 0);
    case Kind::kDouble:
      if (std::isnan(a[0].d)) return a[0];
      return Value::Double(a[0].d > 0 ? 1.0 : (a[0].d < 0 ? -1.0 : 0.0));
    default:
      return ctx.NoOverload(c);
  }
}

template <int kOp>
Value Classify(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kDouble) return ctx.NoOverload(c);
  switch (kOp) {
    case 0:
      return Value::Bool(std::isinf(a[0].d));
    case 1:
      return Value::Bool(std::isnan(a[0].d));
    default:
      return Value::Bool(std::isfinite(a[0].d));
  }
}

template <int kOp>
Value Bits(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  if (kOp == 3) {  // not
    if (a[0].kind == Kind::kInt) return Value::Int(~a[0].i);
    if (a[0].kind == Kind::kUint) return Value::Uint(~a[0].u);
    return ctx.NoOverload(c);
  }
  if (n != 2) return ctx.NoOverload(c);
  if (kOp >= 4) {  // shifts: by a non-negative int
    if (a[1].kind != Kind::kInt) return ctx.NoOverload(c);
    if (a[1].i < 0) return ctx.Error(c, "math.bitShift() negative offset");
    int64_t s = a[1].i;
    if (a[0].kind == Kind::kInt) {
      if (s > 63) return Value::Int(kOp == 4 ? 0 : (a[0].i < 0 ? -1 : 0));
      if (kOp == 4) return Value::Int(static_cast<int64_t>(static_cast<uint64_t>(a[0].i) << s));
      return Value::Int(static_cast<int64_t>(static_cast<uint64_t>(a[0].i) >> s));
    }
    if (a[0].kind == Kind::kUint) {
      if (s > 63) return Value::Uint(0);
      return Value::Uint(kOp == 4 ? a[0].u << s : a[0].u >> s);
    }
    return ctx.NoOverload(c);
  }
  if (a[0].kind != a[1].kind) return ctx.NoOverload(c);
  if (a[0].kind == Kind::kInt) {
    int64_t x = a[0].i, y = a[1].i;
    return Value::Int(kOp == 0 ? (x & y) : kOp == 1 ? (x | y) : (x ^ y));
  }
  if (a[0].kind == Kind::kUint) {
    uint64_t x = a[0].u, y = a[1].u;
    return Value::Uint(kOp == 0 ? (x & y) : kOp == 1 ? (x | y) : (x ^ y));
  }
  return ctx.NoOverload(c);
}

Value Sqrt(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  switch (a[0].kind) {
    case Kind::kInt:
      return Value::Double(std::sqrt(static_cast<double>(a[0].i)));
    case Kind::kUint:
      return Value::Double(std::sqrt(static_cast<double>(a[0].u)));
    case Kind::kDouble:
      return Value::Double(std::sqrt(a[0].d));
    default:
      return ctx.NoOverload(c);
  }
}

constexpr FunctionDef kMath[] = {
    {"math.greatest", false, -1, Extreme<true>, 0, "math"},
    {"math.least", false, -1, Extreme<false>, 0, "math"},
    {"math.ceil", false, 1, Round<0>, 0, "math"},
    {"math.floor", false, 1, Round<1>, 0, "math"},
    {"math.round", false, 1, Round<2>, 0, "math"},
    {"math.trunc", false, 1, Round<3>, 0, "math"},
    {"math.abs", false, 1, Abs, 0, "math"},
    {"math.sign", false, 1, Sign, 0, "math"},
    {"math.isInf", false, 1, Classify<0>, 0, "math"},
    {"math.isNaN", false, 1, Classify<1>, 0, "math"},
    {"math.isFinite", false, 1, Classify<2>, 0, "math"},
    {"math.bitAnd", false, 2, Bits<0>, 0, "math"},
    {"math.bitOr", false, 2, Bits<1>, 0, "math"},
    {"math.bitXor", false, 2, Bits<2>, 0, "math"},
    {"math.bitNot", false, 1, Bits<3>, 0, "math"},
    {"math.bitShiftLeft", false, 2, Bits<4>, 0, "math"},
    {"math.bitShiftRight", false, 2, Bits<5>, 0, "math"},
    {"math.sqrt", false, 1, Sqrt, 0, "math"},
};

}  // namespace

std::span<const FunctionDef> MathFunctions() { return kMath; }

}  // namespace gori::cel
