// src/cel/lib_time.cc
//
// Timestamp and duration accessors (getFullYear ... getMilliseconds), with the optional time
// zone argument of timestamps (UTC by default, as Kubernetes configures DefaultUTCTimeZone).
#include <string>

#include "cel/functions.h"
#include "cel/lib_util.h"
#include "cel/time_util.h"

namespace gori::cel {
namespace {

enum Field {
  kYear,
  kMonth,
  kDate,
  kDayOfMonth,
  kDayOfWeek,
  kDayOfYear,
  kHours,
  kMinutes,
  kSeconds,
  kMillis
};

template <Field kField>
Value Get(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  const Value& v = a[0];
  if (v.kind == Kind::kDuration && n == 1) {
    Int128 total = static_cast<Int128>(v.i) * 1'000'000'000 + v.size;
    switch (kField) {
      case kHours:
        return Value::Int(static_cast<int64_t>(total / 3'600'000'000'000));
      case kMinutes:
        return Value::Int(static_cast<int64_t>(total / 60'000'000'000));
      case kSeconds:
        return Value::Int(static_cast<int64_t>(total / 1'000'000'000));
      case kMillis:
        // The whole duration in milliseconds, as cel-go (Go's Duration.Milliseconds) and so
        // Kubernetes give it, not the component the conformance text describes.
        return Value::Int(static_cast<int64_t>(total / 1'000'000));
      default:
        return ctx.NoOverload(c);
    }
  }
  if (v.kind != Kind::kTimestamp) return ctx.NoOverload(c);
  int64_t secs = v.i;
  if (n == 2) {
    if (a[1].kind != Kind::kString) return ctx.NoOverload(c);
    auto off = ZoneOffset(a[1].str(), v.i);
    if (!off) return ctx.Error(c, "unknown time zone '" + std::string(a[1].str()) + "'");
    secs += *off;
  }
  CivilTime t = CivilFromSeconds(secs);
  switch (kField) {
    case kYear:
      return Value::Int(t.year);
    case kMonth:
      return Value::Int(t.month - 1);
    case kDate:
      return Value::Int(t.day);
    case kDayOfMonth:
      return Value::Int(t.day - 1);
    case kDayOfWeek:
      return Value::Int(t.day_of_week);
    case kDayOfYear:
      return Value::Int(t.day_of_year);
    case kHours:
      return Value::Int(t.hour);
    case kMinutes:
      return Value::Int(t.minute);
    case kSeconds:
      return Value::Int(t.second);
    case kMillis:
      return Value::Int(v.size / 1'000'000);
  }
  return ctx.NoOverload(c);
}

#define GORI_TIME_FN(name, field) \
  {name, true, 1, Get<field>}, { name, true, 2, Get<field> }

constexpr FunctionDef kTime[] = {
    GORI_TIME_FN("getFullYear", kYear),       GORI_TIME_FN("getMonth", kMonth),
    GORI_TIME_FN("getDate", kDate),           GORI_TIME_FN("getDayOfMonth", kDayOfMonth),
    GORI_TIME_FN("getDayOfWeek", kDayOfWeek), GORI_TIME_FN("getDayOfYear", kDayOfYear),
    GORI_TIME_FN("getHours", kHours),         GORI_TIME_FN("getMinutes", kMinutes),
    GORI_TIME_FN("getSeconds", kSeconds),     GORI_TIME_FN("getMilliseconds", kMillis),
};

#undef GORI_TIME_FN

}  // namespace

std::span<const FunctionDef> TimeFunctions() { return kTime; }

}  // namespace gori::cel
