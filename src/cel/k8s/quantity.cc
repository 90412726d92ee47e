// src/cel/k8s/quantity.cc
//
// Kubernetes' quantity library (new expressions from 1.29): quantity(), isQuantity(), sign(),
// isInteger(), asInteger(), asApproximateFloat(), add(), sub(), isLessThan(),
// isGreaterThan(), compareTo(), equality. Values are exact in nano-units (128-bit), the finest
// unit a quantity can be written in; the text as written is kept for string().
#include <cmath>
#include <optional>
#include <string>

#include "cel/functions.h"
#include "cel/k8s/library.h"
#include "cel/lib_util.h"
#include "cel/time_util.h"

namespace gori::cel {
namespace {

constexpr uint16_t kSince = 29;

struct Quantity {
  Int128 nano;  // value × 1e9
};

Int128 Pow10(int n) {
  Int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// The grammar of resource.ParseQuantity: sign, digits[.digits], then a binary suffix, a decimal
// suffix or a decimal exponent.
std::optional<Quantity> Parse(std::string_view s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  std::size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') {
    neg = s[i] == '-';
    ++i;
  }
  Int128 mant = 0;
  int frac_digits = 0, digits = 0;
  bool point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits < 36) {
        mant = mant * 10 + (c - '0');
        if (point) ++frac_digits;
      } else if (!point) {
        return std::nullopt;
      }
      ++digits;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (digits == 0) return std::nullopt;
  std::string_view suffix = s.substr(i);
  int exp10 = 0;
  int exp2 = 0;
  if (suffix.empty()) {
  } else if (suffix == "n") {
    exp10 = -9;
  } else if (suffix == "u") {
    exp10 = -6;
  } else if (suffix == "m") {
    exp10 = -3;
  } else if (suffix == "k") {
    exp10 = 3;
  } else if (suffix == "M") {
    exp10 = 6;
  } else if (suffix == "G") {
    exp10 = 9;
  } else if (suffix == "T") {
    exp10 = 12;
  } else if (suffix == "P") {
    exp10 = 15;
  } else if (suffix == "E") {
    exp10 = 18;
  } else if (suffix.size() == 2 && suffix[1] == 'i') {
    const char* order = "KMGTPE";
    const char* p = std::char_traits<char>::find(order, 6, suffix[0]);
    if (!p) return std::nullopt;
    exp2 = 10 * static_cast<int>(p - order + 1);
  } else if (suffix[0] == 'e' || suffix[0] == 'E') {
    std::size_t j = 1;
    bool eneg = false;
    if (j < suffix.size() && (suffix[j] == '+' || suffix[j] == '-')) {
      eneg = suffix[j] == '-';
      ++j;
    }
    if (j >= suffix.size()) return std::nullopt;
    int e = 0;
    for (; j < suffix.size(); ++j) {
      if (suffix[j] < '0' || suffix[j] > '9' || e > 1000) return std::nullopt;
      e = e * 10 + (suffix[j] - '0');
    }
    exp10 = eneg ? -e : e;
  } else {
    return std::nullopt;
  }
  // nano = mant × 10^(exp10 - frac_digits + 9) × 2^exp2, rounded up (away from zero).
  int scale = exp10 - frac_digits + 9;
  Int128 v = mant;
  if (scale >= 0) {
    if (scale > 30) return std::nullopt;
    v *= Pow10(scale);
  } else {
    if (-scale > 36) {
      v = v != 0 ? 1 : 0;
    } else {
      Int128 d = Pow10(-scale);
      v = v / d + (v % d != 0 ? 1 : 0);
    }
  }
  for (int k = 0; k < exp2; ++k) {
    v *= 2;
    if (v > (Int128{1} << 120)) return std::nullopt;
  }
  return Quantity{neg ? -v : v};
}

std::string Text(Int128 nano) {
  // Back to the shortest decimal text with a decimal suffix.
  bool neg = nano < 0;
  Int128 v = neg ? -nano : nano;
  static constexpr struct {
    int exp;
    const char* suffix;
  } kUnits[] = {{0, "n"}, {3, "u"}, {6, "m"}, {9, ""}, {12, "k"}, {15, "M"}, {18, "G"}};
  int best = 0;
  for (int i = 0; i < 7; ++i) {
    if (v % Pow10(kUnits[i].exp) == 0) best = i;
  }
  Int128 q = v / Pow10(kUnits[best].exp);
  std::string digits;
  if (q == 0) digits = "0";
  while (q > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(q % 10)));
    q /= 10;
  }
  return (neg ? "-" : "") + digits + kUnits[best].suffix;
}

bool QEqual(const void* a, const void* b) {
  return static_cast<const Quantity*>(a)->nano == static_cast<const Quantity*>(b)->nano;
}
std::string QString(const void* a) { return Text(static_cast<const Quantity*>(a)->nano); }

const OpaqueType kQuantityType{"kubernetes.Quantity", QEqual, QString};

const Quantity* AsQ(const Value& v) {
  return v.kind == Kind::kOpaque && v.otype() == &kQuantityType
             ? static_cast<const Quantity*>(v.opaque_data())
             : nullptr;
}
Value MakeQ(EvalContext& ctx, Int128 nano) {
  return ctx.NewOpaque(&kQuantityType, ctx.arena().New<Quantity>(Quantity{nano}));
}

// Whether `s` has the shape ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$, which decides
// between resource.ParseQuantity's two errors: a wrong format, or a suffix it cannot read.
bool QuantityShape(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t start = i;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i == start) return false;
  while (i < s.size() && std::string_view("eEinumkKMGTP").find(s[i]) != std::string_view::npos) ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i == s.size();
}

Value Of(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  auto q = Parse(a[0].str());
  if (!q) {
    if (QuantityShape(a[0].str())) return ctx.Error(c, "unable to parse quantity's suffix");
    return ctx.Error(c,
                     "quantities must match the regular expression "
                     "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }
  return MakeQ(ctx, q->nano);
}

Value IsQuantity(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  return Value::Bool(Parse(a[0].str()).has_value());
}

template <int kOp>
Value Unary(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Quantity* q = AsQ(a[0]);
  if (!q) return ctx.NoOverload(c);
  Int128 units = q->nano / 1'000'000'000;
  bool integral = q->nano % 1'000'000'000 == 0 && units <= INT64_MAX && units >= INT64_MIN;
  switch (kOp) {
    case 0:
      return Value::Int(q->nano > 0 ? 1 : (q->nano < 0 ? -1 : 0));
    case 1:
      return Value::Bool(integral);
    case 2:
      if (!integral) return ctx.Error(c, "cannot convert value to integer");
      return Value::Int(static_cast<int64_t>(units));
    default:
      return Value::Double(static_cast<double>(q->nano) / 1e9);
  }
}

bool Operand(const Value& v, Int128* out) {
  if (const Quantity* q = AsQ(v)) {
    *out = q->nano;
    return true;
  }
  if (v.kind == Kind::kInt) {
    *out = static_cast<Int128>(v.i) * 1'000'000'000;
    return true;
  }
  return false;
}

template <int kOp>
Value Binary(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Quantity* q = AsQ(a[0]);
  if (!q && kOp >= 2) return SemverCompare(ctx, c, a, kOp);
  Int128 other;
  if (!q || !Operand(a[1], &other)) return ctx.NoOverload(c);
  switch (kOp) {
    case 0:
      return MakeQ(ctx, q->nano + other);
    case 1:
      return MakeQ(ctx, q->nano - other);
    case 2:
      return Value::Bool(q->nano < other);
    case 3:
      return Value::Bool(q->nano > other);
    default:
      return Value::Int(q->nano < other ? -1 : (q->nano > other ? 1 : 0));
  }
}

constexpr FunctionDef kQuantity[] = {
    {"quantity", false, 1, Of, kSince, "k8s.quantity"},
    {"isQuantity", false, 1, IsQuantity, kSince, "k8s.quantity"},
    {"sign", true, 1, Unary<0>, kSince, "k8s.quantity"},
    {"isInteger", true, 1, Unary<1>, kSince, "k8s.quantity"},
    {"asInteger", true, 1, Unary<2>, kSince, "k8s.quantity"},
    {"asApproximateFloat", true, 1, Unary<3>, kSince, "k8s.quantity"},
    {"add", true, 2, Binary<0>, kSince, "k8s.quantity"},
    {"sub", true, 2, Binary<1>, kSince, "k8s.quantity"},
    {"isLessThan", true, 2, Binary<2>, kSince, "k8s.quantity"},
    {"isGreaterThan", true, 2, Binary<3>, kSince, "k8s.quantity"},
    {"compareTo", true, 2, Binary<4>, kSince, "k8s.quantity"},
};

}  // namespace

std::span<const FunctionDef> QuantityFunctions() { return kQuantity; }

}  // namespace gori::cel
