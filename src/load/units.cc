#include "load/units.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

namespace gori::load {
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

Result<double> ParseRate(std::string_view text) {
  const std::string_view t = Trim(text);
  std::string_view s = t;
  double v = 0;
  if (!TakeNumber(s, v) || !s.empty()) {
    return Fail(fmt::format("invalid rate '{}': expected requests per second, e.g. 500", t));
  }
  return v;
}

Result<std::vector<Stage>> ParseStages(std::string_view text) {
  std::vector<Stage> stages;
  const std::string_view all = Trim(text);
  if (all.empty()) return Fail("invalid stages '': expected e.g. 30s:0-500,2m:500");
  std::string_view rest = all;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view part = Trim(rest.substr(0, comma));
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) {
      return Fail(fmt::format(
          "invalid stage '{}' in '{}': expected DURATION:RATE or DURATION:FROM-TO", part, all));
    }
    auto d = ParseDuration(part.substr(0, colon));
    if (!d) return Fail(fmt::format("invalid stage '{}': {}", part, d.error().message));
    if (*d <= 0) return Fail(fmt::format("invalid stage '{}': duration must be positive", part));
    const std::string_view rates = part.substr(colon + 1);
    const std::size_t dash = rates.find('-');
    Stage st;
    st.duration_ns = *d;
    auto from = ParseRate(rates.substr(0, dash));
    if (!from) return Fail(fmt::format("invalid stage '{}': {}", part, from.error().message));
    st.from_rps = *from;
    st.to_rps = *from;
    if (dash != std::string_view::npos) {
      auto to = ParseRate(rates.substr(dash + 1));
      if (!to) return Fail(fmt::format("invalid stage '{}': {}", part, to.error().message));
      st.to_rps = *to;
    }
    stages.push_back(st);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return stages;
}

Result<Shard> ParseShard(std::string_view text) {
  auto bad = [&] {
    return Fail(fmt::format("invalid shard '{}': want I/N with 0 <= I < N (e.g. 0/4)", text));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad();
  Shard s;
  auto number = [](std::string_view t, int& out) {
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && p == t.data() + t.size() && !t.empty();
  };
  if (!number(text.substr(0, slash), s.index) || !number(text.substr(slash + 1), s.count)) {
    return bad();
  }
  if (s.count < 1 || s.count > 100'000 || s.index < 0 || s.index >= s.count) return bad();
  return s;
}

}  // namespace gori::load
