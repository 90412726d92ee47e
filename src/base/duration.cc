#include "base/duration.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace gori {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses a plain decimal number (digits with at most one '.') at the start of `s`.
bool TakeNumber(std::string_view& s, double& out) {
  std::size_t n = 0;
  bool dot = false;
  while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || (s[n] == '.' && !dot))) {
    if (s[n] == '.') dot = true;
    ++n;
  }
  if (n == 0 || (n == 1 && dot)) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + n, out);
  if (ec != std::errc() || ptr != s.data() + n) return false;
  s.remove_prefix(n);
  return true;
}

}  // namespace

Result<int64_t> ParseDuration(std::string_view text) {
  const std::string_view original = Trim(text);
  std::string_view s = original;
  if (s.empty()) return Fail("invalid duration '': empty (e.g. 30s, 250ms, 1m30s)");
  double total_ns = 0;
  while (!s.empty()) {
    double number = 0;
    if (!TakeNumber(s, number)) {
      return Fail(
          fmt::format("invalid duration '{}': expected a number (e.g. 30s, 250ms)", original));
    }
    std::size_t n = 0;
    while (n < s.size() && !(s[n] >= '0' && s[n] <= '9') && s[n] != '.') ++n;
    const std::string_view unit = s.substr(0, n);
    s.remove_prefix(n);
    double scale = 0;
    if (unit == "ns") {
      scale = 1;
    } else if (unit == "us" || unit == "\xc2\xb5s") {
      scale = 1e3;
    } else if (unit == "ms") {
      scale = 1e6;
    } else if (unit == "s") {
      scale = 1e9;
    } else if (unit == "m") {
      scale = 60e9;
    } else if (unit == "h") {
      scale = 3600e9;
    } else if (unit.empty()) {
      return Fail(
          fmt::format("invalid duration '{}': missing unit (use us, ms, s, m or h)", original));
    } else {
      return Fail(fmt::format("invalid duration '{}': unknown unit '{}' (use us, ms, s, m or h)",
                              original, unit));
    }
    total_ns += number * scale;
  }
  if (total_ns > 9.2e18) return Fail(fmt::format("invalid duration '{}': too long", original));
  return static_cast<int64_t>(std::llround(total_ns));
}

std::string FormatDuration(int64_t ns) {
  if (ns % 1'000'000'000 == 0) return fmt::format("{}s", ns / 1'000'000'000);
  if (ns >= 1'000'000'000) return fmt::format("{:g}s", static_cast<double>(ns) / 1e9);
  if (ns % 1'000'000 == 0) return fmt::format("{}ms", ns / 1'000'000);
  if (ns >= 1'000'000) return fmt::format("{:g}ms", static_cast<double>(ns) / 1e6);
  if (ns % 1000 == 0) return fmt::format("{}us", ns / 1000);
  return fmt::format("{}ns", ns);
}

}  // namespace gori
