// src/cel/time_util.cc
#include "cel/time_util.h"

#include <cstdio>
#include <fstream>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace gori::cel {

// Howard Hinnant's days-from-civil algorithm (public domain description, restated).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilTime CivilFromSeconds(int64_t seconds) {
  int64_t days = seconds / 86400;
  int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  CivilTime c{};
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  c.day_of_week = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  c.year = y + (m <= 2);
  c.month = static_cast<int>(m);
  c.day = static_cast<int>(d);
  c.day_of_year = static_cast<int>(days - DaysFromCivil(c.year, 1, 1));
  return c;
}

namespace {

bool Digits(std::string_view s, std::size_t at, int n, int* out) {
  if (at + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[at + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<std::pair<int64_t, uint32_t>> ParseTimestamp(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (!Digits(s, 0, 4, &y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != 't') ||
      !Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' ||
      !Digits(s, 17, 2, &se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return std::nullopt;
  std::size_t p = 19;
  uint32_t nanos = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    int n = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      if (n < 9) {
        nanos = nanos * 10 + static_cast<uint32_t>(s[p] - '0');
      }
      ++n;
      ++p;
    }
    if (n == 0) return std::nullopt;
    for (int k = n; k < 9; ++k) nanos *= 10;
  }
  int64_t offset = 0;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    int oh, om;
    if (!Digits(s, p + 1, 2, &oh) || p + 3 >= s.size() || s[p + 3] != ':' ||
        !Digits(s, p + 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (s[p] == '-' ? -1 : 1);
    p += 6;
  } else {
    return std::nullopt;
  }
  if (p != s.size()) return std::nullopt;
  int64_t secs = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                 h * 3600 + mi * 60 + se - offset;
  if (secs < kMinTimestampSeconds || secs > kMaxTimestampSeconds) return std::nullopt;
  return std::make_pair(secs, nanos);
}

std::string FormatTimestamp(int64_t seconds, uint32_t nanos) {
  CivilTime c = CivilFromSeconds(seconds);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(c.year),
                c.month, c.day, c.hour, c.minute, c.second);
  std::string out = buf;
  if (nanos != 0) {
    std::snprintf(buf, sizeof buf, ".%09u", nanos);
    std::string frac = buf;
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  out += 'Z';
  return out;
}

std::optional<std::pair<int64_t, uint32_t>> ParseDuration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool neg = false;
  std::size_t p = 0;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    ++p;
  }
  if (s.substr(p) == "0") return std::make_pair(int64_t{0}, uint32_t{0});
  if (p >= s.size()) return std::nullopt;
  // Total in nanoseconds as a 128-bit integer: ±10,000 years fits easily.
  Int128 total = 0;
  while (p < s.size()) {
    Int128 whole = 0;
    std::size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      whole = whole * 10 + (s[p] - '0');
      if (whole > (Int128{1} << 100)) return std::nullopt;
      ++p;
    }
    Int128 frac = 0, scale = 1;
    bool has_frac = false;
    if (p < s.size() && s[p] == '.') {
      ++p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (scale < 1'000'000'000'000'000'000) {
          frac = frac * 10 + (s[p] - '0');
          scale *= 10;
        }
        has_frac = true;
        ++p;
      }
    }
    if (p == start || (p == start + 1 && s[start] == '.' && !has_frac)) return std::nullopt;
    std::size_t u = p;
    while (p < s.size() && !(s[p] >= '0' && s[p] <= '9') && s[p] != '.') ++p;
    std::string_view unit = s.substr(u, p - u);
    Int128 mult;
    if (unit == "h") {
      mult = 3'600'000'000'000;
    } else if (unit == "m") {
      mult = 60'000'000'000;
    } else if (unit == "s") {
      mult = 1'000'000'000;
    } else if (unit == "ms") {
      mult = 1'000'000;
    } else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") {
      mult = 1'000;
    } else if (unit == "ns") {
      mult = 1;
    } else {
      return std::nullopt;
    }
    total += whole * mult + frac * mult / scale;
    if (total > (Int128{kMaxDurationSeconds} + 1) * 1'000'000'000) return std::nullopt;
  }
  if (neg) total = -total;
  if (total > INT64_MAX || total < INT64_MIN) return std::nullopt;
  Int128 secs = total / 1'000'000'000;
  Int128 ns = total % 1'000'000'000;
  if (ns < 0) {
    ns += 1'000'000'000;
    secs -= 1;
  }
  if (secs > kMaxDurationSeconds || secs < -kMaxDurationSeconds - 1) return std::nullopt;
  return std::make_pair(static_cast<int64_t>(secs), static_cast<uint32_t>(ns));
}

std::string FormatDuration(int64_t seconds, uint32_t nanos) {
  // Back from floor form to sign + magnitude.
  bool neg = seconds < 0;
  int64_t s = seconds;
  int64_t n = nanos;
  if (neg && n > 0) {
    s += 1;
    n = 1'000'000'000 - n;
  }
  std::string out;
  if (neg) out += '-';
  out += std::to_string(neg ? -s : s);
  if (n != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(n));
    std::string frac = buf;
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  out += 's';
  return out;
}

namespace {

// A TZif file (RFC 8536) read for its transition times and offsets, version 1 data section
// for 32-bit and the v2+ section when present.
struct Zone {
  std::vector<int64_t> transitions;
  std::vector<uint8_t> indexes;
  std::vector<int32_t> offsets;
};

int64_t ReadBE(const unsigned char* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
  if (n == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

std::optional<Zone> LoadZone(std::string_view name) {
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
          c == '_' || c == '-' || c == '+')) {
      return std::nullopt;
    }
  }
  if (name.empty() || name.find("..") != std::string_view::npos || name[0] == '/')
    return std::nullopt;
  std::ifstream in("/usr/share/zoneinfo/" + std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto* b = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t size = data.size();
  auto header = [&](std::size_t at, int64_t* counts) {
    if (at + 44 > size || data.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i) counts[i] = ReadBE(b + at + 20 + 4 * i, 4);
    return true;
  };
  int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!header(0, c)) return std::nullopt;
  int tsize = 4;
  std::size_t at = 44;
  if (data[4] >= '2') {
    std::size_t skip =
        44 + static_cast<std::size_t>(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (!header(skip, c)) return std::nullopt;
    at = skip + 44;
    tsize = 8;
  }
  std::size_t need = static_cast<std::size_t>(c[3] * (tsize + 1) + c[4] * 6);
  if (at + need > size) return std::nullopt;
  Zone z;
  for (int64_t i = 0; i < c[3]; ++i)
    z.transitions.push_back(ReadBE(b + at + static_cast<std::size_t>(i * tsize), tsize));
  at += static_cast<std::size_t>(c[3] * tsize);
  for (int64_t i = 0; i < c[3]; ++i) z.indexes.push_back(b[at + static_cast<std::size_t>(i)]);
  at += static_cast<std::size_t>(c[3]);
  for (int64_t i = 0; i < c[4]; ++i)
    z.offsets.push_back(static_cast<int32_t>(ReadBE(b + at + static_cast<std::size_t>(i * 6), 4)));
  if (z.offsets.empty()) return std::nullopt;
  return z;
}

}  // namespace

std::optional<int64_t> ZoneOffset(std::string_view zone, int64_t utc_seconds) {
  if (zone == "UTC" || zone == "Z" || zone == "utc") return 0;
  if (!zone.empty() && (zone[0] == '+' || zone[0] == '-' || (zone[0] >= '0' && zone[0] <= '9'))) {
    std::string_view z = zone;
    int sign = 1;
    if (z[0] == '+' || z[0] == '-') {
      sign = z[0] == '-' ? -1 : 1;
      z.remove_prefix(1);
    }
    int h, m;
    if (z.size() == 5 && Digits(z, 0, 2, &h) && z[2] == ':' && Digits(z, 3, 2, &m)) {
      return sign * (h * 3600 + m * 60);
    }
    return std::nullopt;
  }
  static std::mutex mu;
  static std::unordered_map<std::string, std::optional<Zone>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(std::string(zone));
  if (it == cache.end()) it = cache.emplace(std::string(zone), LoadZone(zone)).first;
  if (!it->second) return std::nullopt;
  const Zone& z = *it->second;
  std::size_t type = 0;
  for (std::size_t i = 0; i < z.transitions.size(); ++i) {
    if (z.transitions[i] > utc_seconds) break;
    type = z.indexes[i];
  }
  if (type >= z.offsets.size()) type = 0;
  return z.offsets[type];
}

}  // namespace gori::cel
