#include "base/instant.h"

#include <charconv>
#include <chrono>
#include <string>

#include <fmt/format.h>

namespace gori {

Result<double> ParseInstant(std::string_view text) {
  auto bad = [&] {
    return Fail(fmt::format(
        "invalid instant '{}': want UTC like 2026-11-26T14:00:00Z or @SECONDS since 1970", text));
  };
  if (text.starts_with("@")) {
    std::string_view t = text.substr(1);
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || t.empty() || v < 0) return bad();
    return v;
  }
  // YYYY-MM-DDTHH:MM:SS[.fraction]Z
  if (text.size() < 20 || text.back() != 'Z' || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return bad();
  }
  auto field = [&](std::size_t at, std::size_t len, int& out) {
    std::string_view t = text.substr(at, len);
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && p == t.data() + t.size();
  };
  int year, month, day, hour, minute, second;
  if (!field(0, 4, year) || !field(5, 2, month) || !field(8, 2, day) || !field(11, 2, hour) ||
      !field(14, 2, minute) || !field(17, 2, second)) {
    return bad();
  }
  double fraction = 0;
  std::string_view rest = text.substr(19, text.size() - 20);
  if (!rest.empty()) {
    if (rest[0] != '.' || rest.size() < 2) return bad();
    std::string frac = "0" + std::string(rest);
    auto [p, ec] = std::from_chars(frac.data(), frac.data() + frac.size(), fraction);
    if (ec != std::errc() || p != frac.data() + frac.size()) return bad();
  }
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59 || year < 1970) return bad();
  const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return static_cast<double>(days) * 86400 + hour * 3600 + minute * 60 + second + fraction;
}

}  // namespace gori
