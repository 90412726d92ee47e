#include "k8s/quantity.h"

#include <fmt/format.h>

namespace gori::k8s {
namespace {

struct Suffix {
  std::string_view text;
  int base;      // 2 or 10
  int exponent;  // power of base
};

constexpr Suffix kSuffixes[] = {
    {"Ki", 2, 10}, {"Mi", 2, 20}, {"Gi", 2, 30}, {"Ti", 2, 40}, {"Pi", 2, 50},
    {"Ei", 2, 60}, {"n", 10, -9}, {"u", 10, -6}, {"m", 10, -3}, {"k", 10, 3},
    {"M", 10, 6},  {"G", 10, 9},  {"T", 10, 12}, {"P", 10, 15}, {"E", 10, 18},
};

constexpr Int128 kLimit = static_cast<Int128>(1) << 100;

}  // namespace

Result<Quantity> ParseQuantity(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Fail(fmt::format("'{}' is not a quantity ({})", text, why));
  };
  if (text.empty()) return bad("empty");
  std::string_view s = text;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  // Digits with at most one '.', at least one digit.
  Int128 mantissa = 0;
  int frac_digits = 0;
  int digits = 0;
  bool dot = false;
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (dot) return bad("two decimal points");
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++digits;
    if (mantissa < kLimit) {
      mantissa = mantissa * 10 + (c - '0');
      if (dot) ++frac_digits;
    } else if (!dot) {
      return bad("too large");
    }
  }
  if (digits == 0) return bad("no digits");
  std::string_view suffix = s.substr(i);
  Quantity q;
  q.suffix = suffix;
  int base = 10;
  int exponent = 0;
  if (!suffix.empty()) {
    bool found = false;
    for (const auto& sx : kSuffixes) {
      if (sx.text == suffix) {
        base = sx.base;
        exponent = sx.exponent;
        q.format = base == 2 ? QuantityFormat::kBinarySI : QuantityFormat::kDecimalSI;
        found = true;
        break;
      }
    }
    if (!found && (suffix[0] == 'e' || suffix[0] == 'E')) {
      std::string_view e = suffix.substr(1);
      bool eneg = false;
      if (!e.empty() && (e[0] == '+' || e[0] == '-')) {
        eneg = e[0] == '-';
        e.remove_prefix(1);
      }
      if (e.empty() || e.size() > 3) return bad("bad exponent");
      int v = 0;
      for (char c : e) {
        if (c < '0' || c > '9') return bad("bad exponent");
        v = v * 10 + (c - '0');
      }
      exponent = eneg ? -v : v;
      q.format = QuantityFormat::kDecimalExponent;
      found = true;
    }
    if (!found) return bad(fmt::format("unknown suffix '{}'", suffix));
  }
  // value = mantissa × 10^-frac × base^exponent; milli = value × 1000, rounded up.
  Int128 num = mantissa;
  Int128 den = 1;
  for (int k = 0; k < frac_digits; ++k) den *= 10;
  num *= 1000;
  if (base == 2) {
    for (int k = 0; k < exponent; ++k) {
      num *= 2;
      if (num > kLimit * 1000) return bad("too large");
    }
  } else if (exponent >= 0) {
    for (int k = 0; k < exponent; ++k) {
      num *= 10;
      if (num > kLimit * 1000) return bad("too large");
    }
  } else {
    for (int k = 0; k < -exponent; ++k) {
      den *= 10;
      if (den > kLimit) return bad("too small");
    }
  }
  // Whole numbers (den 1) are most quantities: no 128-bit division for them.
  Int128 milli = den == 1 ? num : num / den + (num % den != 0 ? 1 : 0);
  q.milli = neg ? -milli : milli;
  return q;
}

}  // namespace gori::k8s
