#include "load/report.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "load/hdr_codec.h"

namespace gori::load {
namespace {

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string JsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:.6g}", v);
}

std::string PercentileObject(const HdrHistogram& h) {
  return fmt::format(
      "{{\"p50\": {}, \"p90\": {}, \"p99\": {}, \"p999\": {}, \"max\": {}, \"mean\": {}, "
      "\"min\": {}, \"count\": {}}}",
      h.ValueAtPercentile(50), h.ValueAtPercentile(90), h.ValueAtPercentile(99),
      h.ValueAtPercentile(99.9), h.Max(), JsonNumber(std::round(h.Mean() * 10) / 10), h.Min(),
      h.TotalCount());
}

// The stages the user asked for: the resolved options start with the warm-up's own stage.
std::span<const Stage> MeasuredStages(const LoadOptions& o) {
  std::span<const Stage> all(o.stages);
  return o.open && o.warmup_ns > 0 && !all.empty() ? all.subspan(1) : all;
}

std::string WarmupText(const LoadOptions& o) {
  return o.warmup_ns > 0 ? fmt::format(", after a {} warm-up", FormatDuration(o.warmup_ns)) : "";
}

}  // namespace

std::string FormatModel(const LoadOptions& o) {
  if (!o.open) return "closed-loop" + WarmupText(o);
  std::string stages;
  for (const Stage& s : MeasuredStages(o)) {
    if (!stages.empty()) stages += ",";
    if (s.from_rps == s.to_rps) {
      stages += fmt::format("{}:{:g}", FormatDuration(s.duration_ns), s.from_rps);
    } else {
      stages += fmt::format("{}:{:g}-{:g}", FormatDuration(s.duration_ns), s.from_rps, s.to_rps);
    }
  }
  return fmt::format("open model, {} arrivals, stages {}{}",
                     o.arrivals == Arrivals::kPoisson ? "poisson" : "constant", stages,
                     WarmupText(o));
}

namespace {

std::string StatusList(const IntervalStats& t) {
  std::string out;
  for (std::size_t s = 0; s < t.status.size(); ++s) {
    if (t.status[s] == 0) continue;
    out += fmt::format("{}{}: {}", out.empty() ? "" : "  ", s, t.status[s]);
  }
  return out.empty() ? "none" : out;
}

std::string ErrorList(const IntervalStats& t) {
  std::string out;
  for (std::size_t k = 0; k < kErrorKinds; ++k) {
    if (t.errors_by_kind[k] == 0) continue;
    out += fmt::format("{}{}: {}", out.empty() ? "" : "  ",
                       ErrorKindName(static_cast<ErrorKind>(k)), t.errors_by_kind[k]);
  }
  return out;
}

std::string Row(std::string_view label, const HdrHistogram& h) {
  return fmt::format("  {:<16}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}\n", label,
                     FormatMicros(static_cast<double>(h.ValueAtPercentile(50))),
                     FormatMicros(static_cast<double>(h.ValueAtPercentile(90))),
                     FormatMicros(static_cast<double>(h.ValueAtPercentile(99))),
                     FormatMicros(static_cast<double>(h.ValueAtPercentile(99.9))),
                     FormatMicros(static_cast<double>(h.Max())), FormatMicros(h.Mean()));
}

}  // namespace

std::string FormatClients(const LoadOptions& o) {
  return fmt::format(
      "{} thread{}, {} connection{}{}{}", o.threads, o.threads == 1 ? "" : "s", o.connections,
      o.connections == 1 ? "" : "s",
      o.open ? fmt::format(" (up to {})", o.max_connections) : std::string(),
      o.shards > 1 ? fmt::format("; shard {} of {}", o.shard, o.shards) : std::string());
}

std::string FormatMicros(double us) {
  if (us >= 1e6) return fmt::format("{:.2f}s", us / 1e6);
  if (us >= 1e3) return fmt::format("{:.2f}ms", us / 1e3);
  return fmt::format("{:.0f}us", us);
}

std::string FormatProgress(const ReportContext& ctx, const RunStats& so_far,
                           const IntervalStats& second, int64_t in_flight) {
  const LoadOptions& o = *ctx.options;
  std::string rate = fmt::format("{} req/s", second.requests);
  if (o.open && !so_far.intervals.empty()) {
    rate = fmt::format("{}/{:.0f} req/s", second.requests, so_far.intervals.back().target_rps);
  }
  return fmt::format("[{:>4}s] {}  in-flight {}  p50 {}  p99 {}  errors {}  late {}",
                     second.index + 1, rate, in_flight,
                     FormatMicros(static_cast<double>(second.latency.ValueAtPercentile(50))),
                     FormatMicros(static_cast<double>(second.latency.ValueAtPercentile(99))),
                     so_far.total.errors, so_far.total.late);
}

std::string FormatWarmupProgress(const ReportContext& ctx, const IntervalStats& second,
                                 int64_t in_flight) {
  return fmt::format("[warm-up {}/{}s] {} req/s  in-flight {}  p50 {}  p99 {}", second.index + 1,
                     ctx.options->warmup_ns / 1'000'000'000, second.requests, in_flight,
                     FormatMicros(static_cast<double>(second.latency.ValueAtPercentile(50))),
                     FormatMicros(static_cast<double>(second.latency.ValueAtPercentile(99))));
}

std::string FormatSummary(const ReportContext& ctx, const RunStats& stats,
                          const std::vector<Threshold>& thresholds,
                          const std::vector<ThresholdResult>& results) {
  const LoadOptions& o = *ctx.options;
  const IntervalStats& t = stats.total;
  std::string out;
  out += fmt::format("gori load {}{}\n", ctx.target,
                     ctx.scenario->name.empty() ? "" : " (" + ctx.scenario->name + ")");
  out += fmt::format("  {}; {}{}\n", FormatModel(o), FormatClients(o),
                     stats.protocol.starts_with("h2") ? "; " + stats.protocol : std::string());
  out += fmt::format("  requests {} in {:.2f}s = {:.1f} req/s   errors {} ({:.2f}%)", t.requests,
                     stats.duration_s, stats.Rps(), t.errors, stats.ErrorRate() * 100);
  if (o.open) out += fmt::format("   late {}   dropped {}", t.late, t.dropped);
  if (t.unfinished > 0) out += fmt::format("   unfinished {}", t.unfinished);
  out += "\n";
  out += fmt::format("  status   {}\n", StatusList(t));
  if (stats.grpc) {
    std::string codes;
    for (std::size_t c = 0; c < kGrpcCodes; ++c) {
      if (t.grpc_status[c] == 0) continue;
      codes +=
          fmt::format("{}{}: {}", codes.empty() ? "" : "  ", GrpcCodeName(c), t.grpc_status[c]);
    }
    out += fmt::format("  grpc     {}\n", codes.empty() ? "none" : codes);
  }
  if (const std::string e = ErrorList(t); !e.empty()) out += fmt::format("  errors   {}\n", e);
  for (std::size_t k = 0; k < kErrorKinds; ++k) {
    if (t.errors_by_kind[k] > 0 && !stats.error_examples[k].empty()) {
      out += fmt::format("    first {}: {}\n", ErrorKindName(static_cast<ErrorKind>(k)),
                         stats.error_examples[k]);
    }
  }
  if (stats.aborted) out += "  aborted early: a threshold failed (abort_on_fail)\n";
  if (stats.Succeeded() == 0)
    out += "  FAIL  no request succeeded (exit 99, with or without thresholds)\n";
  out += fmt::format("\n  {:<16}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}\n", "", "p50", "p90", "p99",
                     "p99.9", "max", "mean");
  out += Row(o.open ? "latency" : "latency*", t.latency);
  out += Row("service time", t.service);
  if (o.open) out += Row("send delay", t.send_delay);
  if (stats.steps.size() > 1) {
    out += Row("iteration", stats.iteration);
    for (std::size_t i = 0; i < stats.steps.size(); ++i) {
      out += Row("step " + stats.step_names[i], stats.steps[i].latency);
    }
  }
  out += o.open ? "  latency: from each request's intended start (includes queueing when the "
                  "target falls behind)\n"
                : "  * closed-loop: each connection waits for its previous response, so latency "
                  "hides server stalls\n";
  out += "  service time: from the moment the request was sent\n";
  if (!results.empty()) {
    out += "\nthresholds\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
      const ThresholdResult& r = results[i];
      out += fmt::format(
          "  {}  {:<36} {}\n", r.ok ? "ok  " : "FAIL", r.expr,
          r.known ? FormatMetricValue(thresholds[i].metric, r.value) : std::string("no data"));
    }
  }
  return out;
}

std::string FormatJson(const ReportContext& ctx, const RunStats& stats,
                       const std::vector<Threshold>& thresholds,
                       const std::vector<ThresholdResult>& results) {
  const LoadOptions& o = *ctx.options;
  const IntervalStats& t = stats.total;
  std::string j = "{\n";
  j += fmt::format("  \"target\": {},\n", JsonString(ctx.target));
  if (!ctx.scenario->name.empty())
    j += fmt::format("  \"name\": {},\n", JsonString(ctx.scenario->name));
  j += fmt::format("  \"model\": \"{}\",\n", o.open ? "open" : "closed-loop");
  if (!stats.protocol.empty()) j += fmt::format("  \"protocol\": \"{}\",\n", stats.protocol);
  std::string stages;
  for (const Stage& s : MeasuredStages(o)) {
    stages += fmt::format("{}{{\"duration_s\": {}, \"from_rps\": {}, \"to_rps\": {}}}",
                          stages.empty() ? "" : ", ",
                          JsonNumber(static_cast<double>(s.duration_ns) / 1e9),
                          JsonNumber(s.from_rps), JsonNumber(s.to_rps));
  }
  j += fmt::format(
      "  \"config\": {{\"connections\": {}, \"max_connections\": {}, \"threads\": {}, "
      "\"duration_s\": {}, \"requests_limit\": {}, \"timeout_ms\": {}, \"arrivals\": \"{}\", "
      "\"drop_late\": {}, \"late_slack_us\": {}, \"warmup_s\": {}, \"shard\": \"{}/{}\", "
      "\"stages\": [{}]}},\n",
      o.connections, o.max_connections, o.threads,
      JsonNumber(static_cast<double>(o.duration_ns - o.warmup_ns) / 1e9), o.requests,
      o.timeout_ns / 1'000'000, o.arrivals == Arrivals::kPoisson ? "poisson" : "constant",
      o.drop_late ? "true" : "false", o.late_slack_ns / 1000, o.warmup_ns / 1'000'000'000, o.shard,
      o.shards, stages);
  j += fmt::format("  \"requests\": {},\n", t.requests);
  j += fmt::format("  \"iterations\": {},\n", t.iterations);
  j += fmt::format("  \"duration_s\": {},\n", JsonNumber(std::round(stats.duration_s * 1e3) / 1e3));
  j += fmt::format("  \"rps\": {},\n", JsonNumber(std::round(stats.Rps() * 10) / 10));
  j += fmt::format("  \"succeeded\": {},\n", stats.Succeeded());
  j += fmt::format("  \"errors\": {},\n", t.errors);
  j += fmt::format("  \"error_rate\": {},\n", JsonNumber(stats.ErrorRate()));
  std::string kinds;
  for (std::size_t k = 0; k < kErrorKinds; ++k) {
    kinds += fmt::format("{}\"{}\": {}", kinds.empty() ? "" : ", ",
                         ErrorKindName(static_cast<ErrorKind>(k)), t.errors_by_kind[k]);
  }
  j += fmt::format("  \"errors_by_kind\": {{{}}},\n", kinds);
  std::string examples;
  for (std::size_t k = 0; k < kErrorKinds; ++k) {
    if (stats.error_examples[k].empty()) continue;
    examples +=
        fmt::format("{}\"{}\": {}", examples.empty() ? "" : ", ",
                    ErrorKindName(static_cast<ErrorKind>(k)), JsonString(stats.error_examples[k]));
  }
  j += fmt::format("  \"error_examples\": {{{}}},\n", examples);
  std::string status;
  for (std::size_t s = 0; s < t.status.size(); ++s) {
    if (t.status[s] == 0) continue;
    status += fmt::format("{}\"{}\": {}", status.empty() ? "" : ", ", s, t.status[s]);
  }
  j += fmt::format("  \"status\": {{{}}},\n", status);
  if (stats.grpc) {
    std::string codes;
    for (std::size_t c = 0; c < kGrpcCodes; ++c) {
      if (t.grpc_status[c] == 0) continue;
      codes +=
          fmt::format("{}\"{}\": {}", codes.empty() ? "" : ", ", GrpcCodeName(c), t.grpc_status[c]);
    }
    j += fmt::format("  \"grpc_status\": {{{}}},\n", codes);
  }
  j += fmt::format("  \"late\": {},\n", t.late);
  j += fmt::format("  \"dropped\": {},\n", t.dropped);
  j += fmt::format("  \"unfinished\": {},\n", t.unfinished);
  j += fmt::format("  \"latency_us\": {},\n", PercentileObject(t.latency));
  j += fmt::format("  \"service_time_us\": {},\n", PercentileObject(t.service));
  j += fmt::format("  \"send_delay_us\": {},\n", PercentileObject(t.send_delay));
  j += fmt::format("  \"iteration_us\": {},\n", PercentileObject(stats.iteration));
  j += "  \"steps\": {";
  for (std::size_t i = 0; i < stats.steps.size(); ++i) {
    const StepStats& s = stats.steps[i];
    j += fmt::format(
        "{}\n    {}: {{\"requests\": {}, \"errors\": {}, \"latency_us\": {}, \"service_time_us\": "
        "{}, \"histograms\": {{\"latency\": \"{}\", \"service_time\": \"{}\"}}}}",
        i == 0 ? "" : ",", JsonString(stats.step_names[i]), s.requests, s.errors,
        PercentileObject(s.latency), PercentileObject(s.service), EncodeBase64Histogram(s.latency),
        EncodeBase64Histogram(s.service));
  }
  j += stats.steps.empty() ? "},\n" : "\n  },\n";
  j += "  \"thresholds\": [";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ThresholdResult& r = results[i];
    j += fmt::format("{}\n    {{\"expr\": {}, \"value\": {}, \"ok\": {}}}", i == 0 ? "" : ",",
                     JsonString(r.expr), r.known ? JsonNumber(r.value) : "null",
                     r.ok ? "true" : "false");
  }
  (void)thresholds;
  j += results.empty() ? "],\n" : "\n  ],\n";
  j += "  \"intervals\": [";
  for (std::size_t i = 0; i < stats.intervals.size(); ++i) {
    const IntervalRow& r = stats.intervals[i];
    // A last, partial second keeps its count but gets no rate, with the time it covered.
    const bool partial = stats.IsPartialSecond(r);
    j += fmt::format(
        "{}\n    {{\"second\": {}, \"requests\": {}, \"rps\": {}, {}\"target_rps\": {}, "
        "\"errors\": "
        "{}, \"latency_us\": {{\"p50\": {}, \"p90\": {}, \"p99\": {}, \"max\": {}}}, "
        "\"service_time_us\": {{\"p99\": {}}}, \"histograms\": {{\"latency\": \"{}\", "
        "\"service_time\": \"{}\"}}}}",
        i == 0 ? "" : ",", r.second, r.requests,
        partial ? "null" : JsonNumber(static_cast<double>(r.requests)),
        partial ? fmt::format("\"partial_s\": {}, ",
                              JsonNumber(std::round(stats.SecondLength(r) * 1e3) / 1e3))
                : std::string(),
        JsonNumber(r.target_rps), r.errors, r.p50_us, r.p90_us, r.p99_us, r.max_us,
        r.service_p99_us, r.latency_hdr, r.service_hdr);
  }
  j += stats.intervals.empty() ? "],\n" : "\n  ],\n";
  j += fmt::format(
      "  \"histograms\": {{\"encoding\": \"HdrHistogram V2 compressed, base64, microseconds\", "
      "\"latency\": \"{}\", \"service_time\": \"{}\", \"send_delay\": \"{}\", "
      "\"iteration\": \"{}\"}},\n",
      EncodeBase64Histogram(t.latency), EncodeBase64Histogram(t.service),
      EncodeBase64Histogram(t.send_delay), EncodeBase64Histogram(stats.iteration));
  j += fmt::format("  \"aborted\": {}\n", stats.aborted ? "true" : "false");
  j += "}\n";
  return j;
}

}  // namespace gori::load
