// src/cel/time_util.h
//
// Timestamps and durations as CEL defines them (google.protobuf semantics): timestamps from
// 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, RFC 3339 text; durations within
// int64 nanoseconds (about ±292 years, Go's time.Duration as cel-go uses it), Go duration text
// ("1h2m3.5s"). Seconds and nanos are kept apart: nanos is always in [0, 1e9) and the sign lives in
// seconds (floor form).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gori::cel {

// Nanosecond arithmetic over the whole timestamp and duration ranges.
__extension__ typedef __int128 Int128;

inline constexpr int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
inline constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
inline constexpr int64_t kMaxDurationSeconds = 315576000000;

struct CivilTime {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
  int hour, minute, second;
  int day_of_week;  // 0 = Sunday
  int day_of_year;  // 0-based
};

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
CivilTime CivilFromSeconds(int64_t seconds);

// RFC 3339 ("2009-02-13T23:31:30Z", fraction and offset allowed) to seconds+nanos (UTC).
std::optional<std::pair<int64_t, uint32_t>> ParseTimestamp(std::string_view text);
std::string FormatTimestamp(int64_t seconds, uint32_t nanos);

// Go duration syntax; nullopt when malformed or out of range.
std::optional<std::pair<int64_t, uint32_t>> ParseDuration(std::string_view text);
// "1.5s", "-3600s": seconds with the needed fraction digits, as protobuf JSON writes durations.
std::string FormatDuration(int64_t seconds, uint32_t nanos);

// A time zone argument of the timestamp accessors: "UTC", "+05:30", "-08:00", or an IANA name
// read from the system's zoneinfo. Returns the offset in seconds at the given UTC instant.
std::optional<int64_t> ZoneOffset(std::string_view zone, int64_t utc_seconds);

}  // namespace gori::cel
