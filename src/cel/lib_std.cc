// src/cel/lib_std.cc
//
// The standard functions of the CEL language definition: operators, size, string predicates,
// type conversions, type(), dyn(). Arithmetic is overflow-checked; numbers of different kinds
// compare by value (CrossTypeNumericComparisons) but never mix in arithmetic.
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cel/functions.h"
#include "cel/lib_util.h"
#include "cel/time_util.h"

namespace gori::cel {
namespace {

using K = Kind;

Value Overflow(EvalContext& ctx, const Expr& c) { return ctx.Error(c, "integer overflow"); }

// Durations are Go time.Duration values in cel-go: int64 nanoseconds (about ±292 years).
bool NormalizeDuration(Int128 total_nanos, Value* out) {
  if (total_nanos > INT64_MAX || total_nanos < INT64_MIN) return false;
  Int128 s = total_nanos / 1'000'000'000;
  Int128 n = total_nanos % 1'000'000'000;
  if (n < 0) {
    n += 1'000'000'000;
    s -= 1;
  }
  if (s > kMaxDurationSeconds || s < -kMaxDurationSeconds - 1) return false;
  *out = Value::Duration(static_cast<int64_t>(s), static_cast<uint32_t>(n));
  return true;
}
Int128 Nanos(const Value& v) { return static_cast<Int128>(v.i) * 1'000'000'000 + v.size; }

bool MakeTimestamp(Int128 total_nanos, Value* out) {
  Int128 s = total_nanos / 1'000'000'000;
  Int128 n = total_nanos % 1'000'000'000;
  if (n < 0) {
    n += 1'000'000'000;
    s -= 1;
  }
  if (s < kMinTimestampSeconds || s > kMaxTimestampSeconds) return false;
  *out = Value::Timestamp(static_cast<int64_t>(s), static_cast<uint32_t>(n));
  return true;
}

Value Add(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value &x = a[0], &y = a[1];
  if (x.kind != y.kind) {
    Value out;
    if (x.kind == K::kTimestamp && y.kind == K::kDuration) {
      if (MakeTimestamp(Nanos(x) + Nanos(y), &out)) return out;
      return ctx.Error(c, "timestamp overflow");
    }
    if (x.kind == K::kDuration && y.kind == K::kTimestamp) {
      if (MakeTimestamp(Nanos(x) + Nanos(y), &out)) return out;
      return ctx.Error(c, "timestamp overflow");
    }
    return ctx.NoOverload(c);
  }
  switch (x.kind) {
    case K::kInt: {
      int64_t r;
      if (__builtin_add_overflow(x.i, y.i, &r)) return Overflow(ctx, c);
      return Value::Int(r);
    }
    case K::kUint: {
      uint64_t r;
      if (__builtin_add_overflow(x.u, y.u, &r)) return Overflow(ctx, c);
      return Value::Uint(r);
    }
    case K::kDouble:
      return Value::Double(x.d + y.d);
    case K::kString:
    case K::kBytes: {
      if (!ctx.Charge((x.size + y.size) / 10)) return ctx.CostError(c);
      std::size_t n = std::size_t{x.size} + y.size;
      if (n > UINT32_MAX) return ctx.Error(c, "string too long");
      char* p = static_cast<char*>(ctx.arena().Allocate(n ? n : 1, 1));
      if (x.size) std::memcpy(p, x.s, x.size);
      if (y.size) std::memcpy(p + x.size, y.s, y.size);
      Value r = Value::String(std::string_view(p, n));
      r.kind = x.kind;
      return r;
    }
    case K::kList: {
      if (!ctx.Charge((x.size + y.size) / 10)) return ctx.CostError(c);
      Value* items = ctx.NewValues(std::size_t{x.size} + y.size);
      for (uint32_t i = 0; i < x.size; ++i) items[i] = ListAt(x, i);
      for (uint32_t i = 0; i < y.size; ++i) items[x.size + i] = ListAt(y, i);
      return Value::List(items, x.size + y.size);
    }
    case K::kDuration: {
      Value out;
      if (NormalizeDuration(Nanos(x) + Nanos(y), &out)) return out;
      return ctx.Error(c, "duration overflow");
    }
    default:
      return ctx.NoOverload(c);
  }
}

Value Sub(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value &x = a[0], &y = a[1];
  Value out;
  if (x.kind == K::kTimestamp && y.kind == K::kDuration) {
    if (MakeTimestamp(Nanos(x) - Nanos(y), &out)) return out;
    return ctx.Error(c, "timestamp overflow");
  }
  if (x.kind != y.kind) return ctx.NoOverload(c);
  switch (x.kind) {
    case K::kInt: {
      int64_t r;
      if (__builtin_sub_overflow(x.i, y.i, &r)) return Overflow(ctx, c);
      return Value::Int(r);
    }
    case K::kUint: {
      uint64_t r;
      if (__builtin_sub_overflow(x.u, y.u, &r)) return Overflow(ctx, c);
      return Value::Uint(r);
    }
    case K::kDouble:
      return Value::Double(x.d - y.d);
    case K::kTimestamp:
    case K::kDuration:
      if (NormalizeDuration(Nanos(x) - Nanos(y), &out)) return out;
      return ctx.Error(c, "duration overflow");
    default:
      return ctx.NoOverload(c);
  }
}

Value Mul(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value &x = a[0], &y = a[1];
  if (x.kind != y.kind) return ctx.NoOverload(c);
  switch (x.kind) {
    case K::kInt: {
      int64_t r;
      if (__builtin_mul_overflow(x.i, y.i, &r)) return Overflow(ctx, c);
      return Value::Int(r);
    }
    case K::kUint: {
      uint64_t r;
      if (__builtin_mul_overflow(x.u, y.u, &r)) return Overflow(ctx, c);
      return Value::Uint(r);
    }
    case K::kDouble:
      return Value::Double(x.d * y.d);
    default:
      return ctx.NoOverload(c);
  }
}

Value Div(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value &x = a[0], &y = a[1];
  if (x.kind != y.kind) return ctx.NoOverload(c);
  switch (x.kind) {
    case K::kInt:
      if (y.i == 0) return ctx.Error(c, "division by zero");
      if (x.i == INT64_MIN && y.i == -1) return Overflow(ctx, c);
      return Value::Int(x.i / y.i);
    case K::kUint:
      if (y.u == 0) return ctx.Error(c, "division by zero");
      return Value::Uint(x.u / y.u);
    case K::kDouble:
      return Value::Double(x.d / y.d);
    default:
      return ctx.NoOverload(c);
  }
}

Value Mod(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value &x = a[0], &y = a[1];
  if (x.kind != y.kind) return ctx.NoOverload(c);
  switch (x.kind) {
    case K::kInt:
      if (y.i == 0) return ctx.Error(c, "modulus by zero");
      if (x.i == INT64_MIN && y.i == -1) return Overflow(ctx, c);
      return Value::Int(x.i % y.i);
    case K::kUint:
      if (y.u == 0) return ctx.Error(c, "modulus by zero");
      return Value::Uint(x.u % y.u);
    default:
      return ctx.NoOverload(c);
  }
}

Value Eq(EvalContext&, const Expr&, const Value* a, uint32_t) {
  return Value::Bool(Equal(a[0], a[1]));
}
Value Ne(EvalContext&, const Expr&, const Value* a, uint32_t) {
  return Value::Bool(!Equal(a[0], a[1]));
}

template <int kOp>
Value Cmp(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind == K::kInt && a[1].kind == K::kInt) {
    const int64_t x = a[0].i, y = a[1].i;
    switch (kOp) {
      case 0:
        return Value::Bool(x < y);
      case 1:
        return Value::Bool(x <= y);
      case 2:
        return Value::Bool(x > y);
      default:
        return Value::Bool(x >= y);
    }
  }
  int r = Compare(a[0], a[1]);
  if (r == 2) {
    bool numeric = (a[0].kind == K::kDouble || a[1].kind == K::kDouble) &&
                   (a[0].kind <= K::kDouble && a[1].kind <= K::kDouble && a[0].kind >= K::kInt &&
                    a[1].kind >= K::kInt);
    if (numeric) return Value::Bool(false);  // NaN
    return ctx.NoOverload(c);
  }
  switch (kOp) {
    case 0:
      return Value::Bool(r < 0);
    case 1:
      return Value::Bool(r <= 0);
    case 2:
      return Value::Bool(r > 0);
    default:
      return Value::Bool(r >= 0);
  }
}

Value In(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& x = a[0];
  const Value& coll = a[1];
  if (coll.kind == K::kList) {
    if (!ctx.Charge(coll.size / 10)) return ctx.CostError(c);
    for (uint32_t i = 0; i < coll.size; ++i) {
      if (Equal(ListAt(coll, i), x)) return Value::Bool(true);
    }
    return Value::Bool(false);
  }
  if (coll.kind == K::kMap) {
    Value out;
    return Value::Bool(MapFind(coll, x, &out));
  }
  return ctx.NoOverload(c);
}

Value Size(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  switch (a[0].kind) {
    case K::kString:
      return Value::Int(CodePointCount(a[0].str()));
    case K::kBytes:
    case K::kList:
    case K::kMap:
      return Value::Int(a[0].size);
    default:
      return ctx.NoOverload(c);
  }
}

template <int kOp>
Value StrPred(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != K::kString || a[1].kind != K::kString) return ctx.NoOverload(c);
  std::string_view s = a[0].str(), t = a[1].str();
  if (!ctx.Charge(s.size() / 10)) return ctx.CostError(c);
  switch (kOp) {
    case 0:
      return Value::Bool(s.find(t) != std::string_view::npos);
    case 1:
      return Value::Bool(s.substr(0, t.size()) == t);
    default:
      return Value::Bool(s.size() >= t.size() && s.substr(s.size() - t.size()) == t);
  }
}

Value ToInt(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& v = a[0];
  switch (v.kind) {
    case K::kInt:
      return v;
    case K::kUint:
      if (v.u > static_cast<uint64_t>(INT64_MAX)) return ctx.Error(c, "range error: int overflow");
      return Value::Int(static_cast<int64_t>(v.u));
    case K::kDouble:
      if (!(v.d > -9223372036854775808.0 && v.d < 9223372036854775808.0)) {
        return ctx.Error(c, "range error: double out of int range");
      }
      return Value::Int(static_cast<int64_t>(v.d));
    case K::kString: {
      int64_t r;
      std::string_view s = v.str();
      auto res = std::from_chars(s.data(), s.data() + s.size(), r);
      if (res.ec != std::errc() || res.ptr != s.data() + s.size() || s.empty()) {
        return ctx.Error(c, "cannot convert string '" + std::string(s) + "' to int");
      }
      return Value::Int(r);
    }
    case K::kTimestamp:
      return Value::Int(v.i);
    case K::kDuration: {
      Int128 n = Nanos(v);
      if (n > INT64_MAX || n < INT64_MIN) return ctx.Error(c, "range error: int overflow");
      return Value::Int(static_cast<int64_t>(n));
    }
    default:
      return ctx.NoOverload(c);
  }
}

Value ToUint(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& v = a[0];
  switch (v.kind) {
    case K::kUint:
      return v;
    case K::kInt:
      if (v.i < 0) return ctx.Error(c, "range error: uint overflow");
      return Value::Uint(static_cast<uint64_t>(v.i));
    case K::kDouble:
      if (!(v.d > -1.0 && v.d < 18446744073709551616.0)) {
        return ctx.Error(c, "range error: double out of uint range");
      }
      return Value::Uint(static_cast<uint64_t>(v.d));
    case K::kString: {
      uint64_t r;
      std::string_view s = v.str();
      auto res = std::from_chars(s.data(), s.data() + s.size(), r);
      if (res.ec != std::errc() || res.ptr != s.data() + s.size() || s.empty()) {
        return ctx.Error(c, "cannot convert string '" + std::string(s) + "' to uint");
      }
      return Value::Uint(r);
    }
    default:
      return ctx.NoOverload(c);
  }
}

bool ParseDoubleGo(std::string_view s, double* out) {
  std::string t(s);
  std::string lower;
  for (char ch : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string_view l = lower;
  bool neg = false;
  if (!l.empty() && (l[0] == '+' || l[0] == '-')) {
    neg = l[0] == '-';
    l.remove_prefix(1);
  }
  if (l == "inf" || l == "infinity") {
    *out = neg ? -INFINITY : INFINITY;
    return true;
  }
  if (l == "nan") {
    *out = NAN;
    return true;
  }
  if (t.empty()) return false;
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return false;
  if (lower.find_first_of("xp") != std::string::npos) return false;
  *out = d;
  return true;
}

Value ToDouble(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& v = a[0];
  switch (v.kind) {
    case K::kDouble:
      return v;
    case K::kInt:
      return Value::Double(static_cast<double>(v.i));
    case K::kUint:
      return Value::Double(static_cast<double>(v.u));
    case K::kString: {
      double d;
      if (!ParseDoubleGo(v.str(), &d)) {
        return ctx.Error(c, "cannot convert string '" + std::string(v.str()) + "' to double");
      }
      return Value::Double(d);
    }
    default:
      return ctx.NoOverload(c);
  }
}

Value ToString(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& v = a[0];
  switch (v.kind) {
    case K::kString:
      return v;
    case K::kInt:
      return ctx.NewString(std::to_string(v.i));
    case K::kUint:
      return ctx.NewString(std::to_string(v.u));
    case K::kDouble:
      return ctx.NewString(FormatDoubleGo(v.d));
    case K::kBool:
      return Value::String(v.b ? "true" : "false");
    case K::kBytes:
      if (!ValidUtf8(v.str()))
        return ctx.Error(c, "invalid UTF-8 in bytes, cannot convert to string");
      return Value::String(v.str());
    case K::kTimestamp:
      return ctx.NewString(FormatTimestamp(v.i, v.size));
    case K::kDuration:
      return ctx.NewString(FormatDuration(v.i, v.size));
    case K::kOpaque:
      if (v.otype()->to_string) return ctx.NewString(v.otype()->to_string(v.opaque_data()));
      return ctx.NoOverload(c);
    default:
      return ctx.NoOverload(c);
  }
}

Value ToBytes(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& v = a[0];
  if (v.kind == K::kBytes) return v;
  if (v.kind == K::kString) return Value::Bytes(v.str());
  return ctx.NoOverload(c);
}

Value ToBool(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Value& v = a[0];
  if (v.kind == K::kBool) return v;
  if (v.kind == K::kString) {
    std::string_view s = v.str();
    if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True")
      return Value::Bool(true);
    if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False")
      return Value::Bool(false);
    return ctx.Error(c, "type conversion error from 'string' to 'bool'");
  }
  return ctx.NoOverload(c);
}

Value Dyn(EvalContext&, const Expr&, const Value* a, uint32_t) { return a[0]; }

Value TypeOf(EvalContext&, const Expr&, const Value* a, uint32_t) {
  if (a[0].kind == K::kType) return Value::Type("type");
  return Value::Type(TypeName(a[0]));
}

Value ToDuration(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind == K::kDuration) return a[0];
  if (a[0].kind == K::kInt) {
    Value out;
    if (NormalizeDuration(a[0].i, &out)) return out;
    return ctx.Error(c, "duration out of range");
  }
  if (a[0].kind != K::kString) return ctx.NoOverload(c);
  auto d = ParseDuration(a[0].str());
  if (!d) return ctx.Error(c, "invalid duration: '" + std::string(a[0].str()) + "'");
  return Value::Duration(d->first, d->second);
}

Value ToTimestamp(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind == K::kTimestamp) return a[0];
  if (a[0].kind == K::kInt) {
    if (a[0].i < kMinTimestampSeconds || a[0].i > kMaxTimestampSeconds) {
      return ctx.Error(c, "timestamp out of range");
    }
    return Value::Timestamp(a[0].i, 0);
  }
  if (a[0].kind != K::kString) return ctx.NoOverload(c);
  auto t = ParseTimestamp(a[0].str());
  if (!t) return ctx.Error(c, "invalid timestamp: '" + std::string(a[0].str()) + "'");
  return Value::Timestamp(t->first, t->second);
}

constexpr FunctionDef kStd[] = {
    {"_+_", false, 2, Add},
    {"_-_", false, 2, Sub},
    {"_*_", false, 2, Mul},
    {"_/_", false, 2, Div},
    {"_%_", false, 2, Mod},
    {"_==_", false, 2, Eq},
    {"_!=_", false, 2, Ne},
    {"_<_", false, 2, Cmp<0>},
    {"_<=_", false, 2, Cmp<1>},
    {"_>_", false, 2, Cmp<2>},
    {"_>=_", false, 2, Cmp<3>},
    {"@in", false, 2, In},
    {"size", false, 1, Size},
    {"size", true, 1, Size},
    {"contains", true, 2, StrPred<0>},
    {"startsWith", true, 2, StrPred<1>},
    {"endsWith", true, 2, StrPred<2>},
    {"int", false, 1, ToInt},
    {"uint", false, 1, ToUint},
    {"double", false, 1, ToDouble},
    {"string", false, 1, ToString},
    {"bytes", false, 1, ToBytes},
    {"bool", false, 1, ToBool},
    {"dyn", false, 1, Dyn},
    {"type", false, 1, TypeOf},
    {"duration", false, 1, ToDuration},
    {"timestamp", false, 1, ToTimestamp},
};

}  // namespace

std::span<const FunctionDef> StandardFunctions() { return kStd; }

}  // namespace gori::cel
