#include "load/threshold.h"

#include "load/stats.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace gori::load {
namespace {

constexpr std::string_view kMetricHelp =
    "latency.pNN, latency.max, service_time.pNN, error_rate, rps, late, dropped, "
    "step.NAME.latency.pNN, grpc_status.CODE";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseNumber(std::string_view s, double& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '.')) return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// "latency.p99" / "service_time.max" (without the step prefix). Returns an error text or "".
std::string ParseTimeMetric(std::string_view name, Metric& m) {
  std::string_view stat;
  if (name.starts_with("latency.")) {
    m.kind = MetricKind::kLatency;
    stat = name.substr(8);
  } else if (name.starts_with("service_time.")) {
    m.kind = MetricKind::kServiceTime;
    stat = name.substr(13);
  } else {
    return "unknown metric";
  }
  if (stat == "max") {
    m.stat = Stat::kMax;
  } else if (stat == "min") {
    m.stat = Stat::kMin;
  } else if (stat == "mean") {
    m.stat = Stat::kMean;
  } else if (stat.starts_with("p")) {
    double p = 0;
    if (!ParseNumber(stat.substr(1), p)) return "unknown metric";
    if (p <= 0 || p > 100) return "percentile must be above 0 and at most 100";
    m.stat = Stat::kPercentile;
    m.percentile = p;
  } else {
    return "unknown metric";
  }
  return "";
}

}  // namespace

Result<Threshold> ParseThreshold(std::string_view text) {
  Threshold t;
  const std::string_view expr = Trim(text);
  t.expr = std::string(expr);
  // grpc_status{code="NAME"} has an '=' of its own.
  const std::size_t brace = expr.starts_with("grpc_status{") ? expr.find('}') : 0;
  const std::size_t op_at =
      brace == std::string_view::npos ? brace : expr.find_first_of("<>=", brace);
  if (op_at == std::string_view::npos) {
    return Fail(fmt::format(
        "invalid threshold '{}': expected METRIC OP VALUE with OP one of < <= > >= ==", expr));
  }
  const std::string_view name = Trim(expr.substr(0, op_at));
  std::string_view rest = expr.substr(op_at);
  if (rest.starts_with("<=")) {
    t.op = Op::kLessEqual;
    rest.remove_prefix(2);
  } else if (rest.starts_with(">=")) {
    t.op = Op::kGreaterEqual;
    rest.remove_prefix(2);
  } else if (rest.starts_with("==")) {
    t.op = Op::kEqual;
    rest.remove_prefix(2);
  } else if (rest.starts_with("<")) {
    t.op = Op::kLess;
    rest.remove_prefix(1);
  } else if (rest.starts_with(">")) {
    t.op = Op::kGreater;
    rest.remove_prefix(1);
  } else {
    return Fail(fmt::format(
        "invalid threshold '{}': expected METRIC OP VALUE with OP one of < <= > >= ==", expr));
  }
  const std::string_view value = Trim(rest);
  if (name.empty() || value.empty()) {
    return Fail(fmt::format(
        "invalid threshold '{}': expected METRIC OP VALUE with OP one of < <= > >= ==", expr));
  }

  Metric& m = t.metric;
  std::string problem;
  if (name == "error_rate") {
    m.kind = MetricKind::kErrorRate;
  } else if (name == "rps") {
    m.kind = MetricKind::kRps;
  } else if (name == "late") {
    m.kind = MetricKind::kLate;
  } else if (name == "dropped") {
    m.kind = MetricKind::kDropped;
  } else if (name.starts_with("grpc_status")) {
    m.kind = MetricKind::kGrpcStatus;
    std::string_view code;
    if (name.starts_with("grpc_status.")) {
      code = name.substr(12);
    } else if (name.starts_with("grpc_status{code=\"") && name.ends_with("\"}")) {
      code = name.substr(18, name.size() - 20);
    }
    if (GrpcCodeIndex(code) == kGrpcCodes) {
      problem =
          fmt::format("unknown gRPC status '{}' (use OK, CANCELLED, ..., UNAUTHENTICATED)", code);
    }
    m.grpc_code = std::string(code);
  } else if (name.starts_with("step.")) {
    const std::string_view after = name.substr(5);
    std::size_t n = 0;
    while (n < after.size() && IsNameChar(after[n])) ++n;
    if (n == 0 || n >= after.size() || after[n] != '.') {
      problem = "expected step.NAME.latency.pNN";
    } else {
      m.step = std::string(after.substr(0, n));
      problem = ParseTimeMetric(after.substr(n + 1), m);
    }
  } else {
    problem = ParseTimeMetric(name, m);
  }
  if (problem == "unknown metric") {
    return Fail(fmt::format("invalid threshold '{}': unknown metric '{}' (use {})", expr, name,
                            kMetricHelp));
  }
  if (!problem.empty()) return Fail(fmt::format("invalid threshold '{}': {}", expr, problem));

  if (m.IsTime()) {
    std::size_t n = 0;
    while (n < value.size() && ((value[n] >= '0' && value[n] <= '9') || value[n] == '.')) ++n;
    double number = 0;
    const std::string_view unit = value.substr(n);
    if (!ParseNumber(value.substr(0, n), number)) {
      return Fail(fmt::format("invalid threshold '{}': '{}' is not a duration", expr, value));
    }
    if (unit == "us" || unit == "\xc2\xb5s") {
      t.value = number;
    } else if (unit == "ms") {
      t.value = number * 1e3;
    } else if (unit == "s") {
      t.value = number * 1e6;
    } else if (unit.empty()) {
      return Fail(fmt::format("invalid threshold '{}': a time needs a unit (us, ms, s)", expr));
    } else {
      return Fail(fmt::format("invalid threshold '{}': unknown time unit '{}' (use us, ms, s)",
                              expr, unit));
    }
  } else if (m.kind == MetricKind::kErrorRate || m.kind == MetricKind::kGrpcStatus) {
    const std::string_view what = m.kind == MetricKind::kErrorRate ? "error_rate" : "grpc_status";
    const bool percent = value.ends_with("%");
    double number = 0;
    if (!ParseNumber(percent ? Trim(value.substr(0, value.size() - 1)) : value, number)) {
      return Fail(
          fmt::format("invalid threshold '{}': {} takes a percentage (0.1%) or a fraction (0.001)",
                      expr, what));
    }
    t.value = percent ? number / 100.0 : number;
    if (t.value > 1) {
      return Fail(fmt::format("invalid threshold '{}': {} cannot exceed 100%", expr, what));
    }
  } else {
    double number = 0;
    if (!ParseNumber(value, number)) {
      return Fail(fmt::format("invalid threshold '{}': '{}' is not a number", expr, value));
    }
    if (m.kind != MetricKind::kRps && number != std::floor(number)) {
      return Fail(fmt::format("invalid threshold '{}': {} is a count", expr, name));
    }
    t.value = number;
  }
  return t;
}

bool Holds(double measured, Op op, double limit) {
  switch (op) {
    case Op::kLess:
      return measured < limit;
    case Op::kLessEqual:
      return measured <= limit;
    case Op::kGreater:
      return measured > limit;
    case Op::kGreaterEqual:
      return measured >= limit;
    case Op::kEqual:
      return measured == limit;
  }
  return false;
}

std::vector<ThresholdResult> Evaluate(const std::vector<Threshold>& thresholds,
                                      const MetricLookup& lookup) {
  std::vector<ThresholdResult> out;
  out.reserve(thresholds.size());
  for (const auto& t : thresholds) {
    ThresholdResult r;
    r.expr = t.expr;
    const std::optional<double> v = lookup(t.metric);
    if (!v) {
      r.known = false;
      r.ok = false;
    } else {
      r.value = *v;
      r.ok = Holds(*v, t.op, t.value);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string FormatMetricValue(const Metric& m, double value) {
  switch (m.kind) {
    case MetricKind::kLatency:
    case MetricKind::kServiceTime:
      if (value >= 1e6) return fmt::format("{:.3g}s", value / 1e6);
      if (value >= 1e3) return fmt::format("{:.3g}ms", value / 1e3);
      return fmt::format("{:.0f}us", value);
    case MetricKind::kErrorRate:
    case MetricKind::kGrpcStatus:
      return fmt::format("{:.3g}%", value * 100);
    case MetricKind::kRps:
      return fmt::format("{:.1f}", value);
    case MetricKind::kLate:
    case MetricKind::kDropped:
      return fmt::format("{:.0f}", value);
  }
  return "";
}

}  // namespace gori::load
