#include "load/html_report.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>

#include <fmt/format.h>

#include "base/html_escape.h"

namespace gori::load {
namespace {

// One line of a plot, in data coordinates.
struct Series {
  std::string name;
  std::string css;  // class of the polyline and its legend swatch
  std::vector<std::pair<double, double>> points;
};

struct Tick {
  double value;
  std::string label;
};

enum class Scale { kLinear, kLog };

// Plot area inside a fixed SVG view box; the page scales it to its width.
constexpr double kWidth = 760, kHeight = 280;
constexpr double kLeft = 72, kRight = 16, kTop = 14, kBottom = 42;

// Ticks for a linear axis from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten.
std::vector<Tick> LinearTicks(double max, const std::function<std::string(double)>& label) {
  if (!(max > 0)) max = 1;
  const double raw = max / 5;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  std::vector<Tick> ticks;
  for (double v = 0; v < max + step * 0.999; v += step) ticks.push_back({v, label(v)});
  return ticks;
}

// Decades covering [min, max] (microseconds, at least 1 µs).
std::vector<Tick> LogTicks(double min, double max) {
  const int lo = static_cast<int>(std::floor(std::log10(std::max(1.0, min))));
  int hi = static_cast<int>(std::ceil(std::log10(std::max(1.0, max))));
  if (hi <= lo) hi = lo + 1;
  std::vector<Tick> ticks;
  for (int e = lo; e <= hi; ++e) {
    const double v = std::pow(10, e);
    ticks.push_back({v, FormatMicros(v)});
  }
  return ticks;
}

// An SVG line plot. Points outside the y range are clamped to it (a log axis cannot show 0).
std::string Plot(std::string_view title, std::string_view x_label, const std::vector<Tick>& xticks,
                 const std::vector<Tick>& yticks, Scale yscale, const std::vector<Series>& series,
                 std::string_view note) {
  const double x0 = xticks.front().value, x1 = xticks.back().value;
  const double y0 = yticks.front().value, y1 = yticks.back().value;
  const double pw = kWidth - kLeft - kRight, ph = kHeight - kTop - kBottom;
  auto fy = [&](double v) {
    double t;
    if (yscale == Scale::kLog) {
      v = std::clamp(v, y0, y1);
      t = (std::log10(v) - std::log10(y0)) / (std::log10(y1) - std::log10(y0));
    } else {
      t = y1 > y0 ? (std::clamp(v, y0, y1) - y0) / (y1 - y0) : 0;
    }
    return kTop + ph * (1 - t);
  };
  auto fx = [&](double v) { return kLeft + (x1 > x0 ? (v - x0) / (x1 - x0) : 0) * pw; };

  std::string svg = fmt::format(
      "<figure><figcaption>{}</figcaption>\n<svg viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"{}\">\n",
      HtmlEscape(title), kWidth, kHeight, HtmlEscape(title));
  for (const Tick& t : yticks) {
    const double y = fy(t.value);
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"ytick\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
        kLeft, y, kWidth - kRight, y, kLeft - 6, y + 4, HtmlEscape(t.label));
  }
  for (const Tick& t : xticks) {
    const double x = fx(t.value);
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"xtick\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
        x, kTop, x, kTop + ph, x, kTop + ph + 16, HtmlEscape(t.label));
  }
  svg += fmt::format("<text class=\"xlabel\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", kLeft + pw / 2,
                     kHeight - 6, HtmlEscape(x_label));
  for (const Series& s : series) {
    if (s.points.empty()) continue;
    svg += fmt::format("<polyline class=\"{}\" points=\"", s.css);
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      svg += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", fx(s.points[i].first),
                         fy(s.points[i].second));
    }
    svg += "\"/>\n";
  }
  svg += "</svg>\n<div class=\"legend\">";
  for (const Series& s : series) {
    svg += fmt::format("<span><i class=\"{}\"></i>{}</span>", s.css, HtmlEscape(s.name));
  }
  if (!note.empty()) svg += fmt::format("<span class=\"note\">{}</span>", HtmlEscape(note));
  svg += "</div></figure>\n";
  return svg;
}

std::vector<Tick> SecondTicks(double duration_s) {
  std::vector<Tick> ticks =
      LinearTicks(std::max(1.0, duration_s), [](double v) { return fmt::format("{:g}s", v); });
  return ticks;
}

// Per-second latency percentiles (log scale, so a stall and the calm around it both show).
std::string LatencyOverTime(const RunStats& stats, bool open) {
  Series p50{"p50", "s1", {}}, p90{"p90", "s2", {}}, p99{"p99", "s3", {}}, max{"max", "s4", {}};
  double lo = 1e18, hi = 1;
  for (const IntervalRow& r : stats.intervals) {
    if (r.requests == 0) continue;
    const double x = static_cast<double>(r.second) + 0.5;
    p50.points.push_back({x, static_cast<double>(r.p50_us)});
    p90.points.push_back({x, static_cast<double>(r.p90_us)});
    p99.points.push_back({x, static_cast<double>(r.p99_us)});
    max.points.push_back({x, static_cast<double>(r.max_us)});
    lo = std::min(lo, static_cast<double>(std::max<int64_t>(1, r.p50_us)));
    hi = std::max(hi, static_cast<double>(r.max_us));
  }
  if (lo > hi) lo = 1;
  return Plot(open ? "Latency over time (from each request's intended start)"
                   : "Latency over time (closed loop: from the actual send)",
              "seconds since the start", SecondTicks(stats.duration_s), LogTicks(lo, hi),
              Scale::kLog, {p50, p90, p99, max}, "per second; log scale");
}

std::string ThroughputOverTime(const RunStats& stats, bool open) {
  Series done{"responses/s", "s1", {}}, errors{"errors/s", "s5", {}}, target{"target", "s6", {}};
  double hi = 1;
  for (const IntervalRow& r : stats.intervals) {
    if (stats.IsPartialSecond(r)) continue;  // its count is not a rate (see stats.h)
    const double x = static_cast<double>(r.second) + 0.5;
    const double rps = static_cast<double>(r.requests);
    done.points.push_back({x, rps});
    errors.points.push_back({x, static_cast<double>(r.errors)});
    if (open) target.points.push_back({x, r.target_rps});
    hi = std::max({hi, rps, r.target_rps});
  }
  std::vector<Series> series = {done, errors};
  if (open) series.push_back(target);
  return Plot("Throughput over time", "seconds since the start", SecondTicks(stats.duration_s),
              LinearTicks(hi, [](double v) { return fmt::format("{:g}", v); }), Scale::kLinear,
              series, "requests per second");
}

// Value at each percentile on an x axis of "nines": x = log10(1 / (1 - p)), 0 = p0, 2 = p99.
std::string PercentileDistribution(const RunStats& stats) {
  const HdrHistogram& lat = stats.total.latency;
  const HdrHistogram& svc = stats.total.service;
  const auto count = static_cast<double>(std::max<int64_t>(1, lat.TotalCount()));
  // Beyond 1/count the histogram has nothing more to say.
  const double nines = std::clamp(std::ceil(std::log10(count)), 1.0, 5.0);
  Series l{"latency", "s3", {}}, s{"service time", "s1", {}};
  constexpr int kPoints = 160;
  double lo = 1e18, hi = 1;
  for (int k = 0; k <= kPoints; ++k) {
    const double x = nines * k / kPoints;
    const double p = 100.0 * (1 - std::pow(10, -x));
    const auto lv = static_cast<double>(lat.ValueAtPercentile(p));
    const auto sv = static_cast<double>(svc.ValueAtPercentile(p));
    l.points.push_back({x, lv});
    s.points.push_back({x, sv});
    lo = std::min({lo, std::max(1.0, lv), std::max(1.0, sv)});
    hi = std::max({hi, lv, sv});
  }
  std::vector<Tick> xticks;
  static constexpr const char* kLabels[] = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
  for (int n = 0; n <= static_cast<int>(nines); ++n) xticks.push_back({1.0 * n, kLabels[n]});
  return Plot("Latency by percentile (whole run)", "percentile", xticks, LogTicks(lo, hi),
              Scale::kLog, {l, s}, "HDR histograms, 3 significant digits; log scale");
}

std::string PercentileRow(std::string_view name, const HdrHistogram& h) {
  return fmt::format(
      "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
      "<td>{}</td></tr>\n",
      HtmlEscape(name), FormatMicros(static_cast<double>(h.ValueAtPercentile(50))),
      FormatMicros(static_cast<double>(h.ValueAtPercentile(90))),
      FormatMicros(static_cast<double>(h.ValueAtPercentile(99))),
      FormatMicros(static_cast<double>(h.ValueAtPercentile(99.9))),
      FormatMicros(static_cast<double>(h.Max())), FormatMicros(h.Mean()), h.TotalCount());
}

constexpr std::string_view kStyle = R"(
body { font-family: "DejaVu Sans", sans-serif; margin: 24px auto; max-width: 980px; color: #1d2330; }
h1 { font-size: 20px; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 16px; margin: 28px 0 8px; }
.sub { color: #5b6475; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid #d8dde6; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card .n { font-size: 20px; font-weight: bold; }
.card .l { color: #5b6475; font-size: 12px; }
.verdict { font-weight: bold; padding: 6px 12px; border-radius: 6px; display: inline-block; }
.held { background: #e3f4e8; color: #17663a; }
.failed { background: #fbe4e4; color: #9b1c1c; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border-bottom: 1px solid #e4e8ee; padding: 4px 10px; text-align: right; }
th:first-child, td.l { text-align: left; }
td.ok { color: #17663a; font-weight: bold; } td.fail { color: #9b1c1c; font-weight: bold; }
figure { margin: 18px 0; } figcaption { font-weight: bold; font-size: 14px; margin-bottom: 4px; }
svg { width: 100%; height: auto; background: #fbfcfd; border: 1px solid #e4e8ee; }
svg text { font-size: 11px; fill: #5b6475; }
.ytick { text-anchor: end; } .xtick, .xlabel { text-anchor: middle; }
.grid { stroke: #e4e8ee; stroke-width: 1; }
polyline { fill: none; stroke-width: 1.8; }
.s1 { stroke: #2f6fdf; } .s2 { stroke: #8a5cd6; } .s3 { stroke: #e0712c; }
.s4 { stroke: #b8bfcc; stroke-dasharray: 3 3; } .s5 { stroke: #d12f2f; }
.s6 { stroke: #4b5566; stroke-dasharray: 6 4; }
.legend { font-size: 12px; color: #5b6475; display: flex; gap: 16px; margin-top: 4px; }
.legend i { display: inline-block; width: 18px; height: 0; border-top: 3px solid; margin-right: 5px;
            vertical-align: middle; }
i.s1 { border-color: #2f6fdf; } i.s2 { border-color: #8a5cd6; } i.s3 { border-color: #e0712c; }
i.s4 { border-color: #b8bfcc; } i.s5 { border-color: #d12f2f; } i.s6 { border-color: #4b5566; }
.note { margin-left: auto; }
.why { color: #5b6475; font-size: 12px; }
)";

}  // namespace

std::string FormatHtml(const ReportContext& ctx, const RunStats& stats,
                       const std::vector<Threshold>& thresholds,
                       const std::vector<ThresholdResult>& results) {
  const LoadOptions& o = *ctx.options;
  const IntervalStats& t = stats.total;
  const bool held =
      std::all_of(results.begin(), results.end(), [](const ThresholdResult& r) { return r.ok; });
  std::string title = "gori load " + ctx.target;
  if (!ctx.scenario->name.empty()) title += " (" + ctx.scenario->name + ")";

  std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h +=
      fmt::format("<title>{}</title>\n<style>{}</style></head><body>\n", HtmlEscape(title), kStyle);
  h += fmt::format("<h1>{}</h1>\n", HtmlEscape(title));
  h += fmt::format("<p class=\"sub\">{}; {}</p>\n", HtmlEscape(FormatModel(o)),
                   HtmlEscape(FormatClients(o)));
  if (!results.empty()) {
    h += fmt::format("<p class=\"verdict {}\">{}</p>\n", held ? "held" : "failed",
                     held ? "Every threshold held" : "A threshold failed");
  }
  if (stats.aborted) h += "<p class=\"verdict failed\">Aborted early (abort_on_fail)</p>\n";

  auto card = [](std::string_view n, std::string_view label) {
    return fmt::format(
        "<div class=\"card\"><div class=\"n\">{}</div><div class=\"l\">{}</div>"
        "</div>",
        n, label);
  };
  h += "<div class=\"cards\">";
  h += card(fmt::format("{}", t.requests), "responses");
  h += card(fmt::format("{:.1f}", stats.Rps()), "responses/s");
  h += card(fmt::format("{:.2f} s", stats.duration_s), "measured");
  h += card(fmt::format("{} ({:.2f}%)", t.errors, stats.ErrorRate() * 100), "errors");
  if (o.open) {
    h += card(fmt::format("{}", t.late), "late");
    h += card(fmt::format("{}", t.dropped), "dropped");
  }
  if (t.unfinished > 0) h += card(fmt::format("{}", t.unfinished), "unfinished");
  h += card(FormatMicros(static_cast<double>(t.latency.ValueAtPercentile(99))),
            o.open ? "latency p99" : "latency p99 (closed loop)");
  h += "</div>\n";

  if (!results.empty()) {
    h += "<h2>Thresholds</h2>\n<table><tr><th>threshold</th><th>measured</th><th></th></tr>\n";
    for (std::size_t i = 0; i < results.size() && i < thresholds.size(); ++i) {
      const ThresholdResult& r = results[i];
      h += fmt::format(
          "<tr><td class=\"l\">{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
          HtmlEscape(r.expr),
          r.known ? HtmlEscape(FormatMetricValue(thresholds[i].metric, r.value)) : "no data",
          r.ok ? "ok" : "fail", r.ok ? "held" : "failed");
    }
    h += "</table>\n";
  }

  h += "<h2>Latency</h2>\n<table><tr><th></th><th>p50</th><th>p90</th><th>p99</th>"
       "<th>p99.9</th><th>max</th><th>mean</th><th>count</th></tr>\n";
  h += PercentileRow(o.open ? "latency" : "latency (closed loop)", t.latency);
  h += PercentileRow("service time", t.service);
  if (o.open) h += PercentileRow("send delay", t.send_delay);
  if (stats.steps.size() > 1) {
    h += PercentileRow("iteration", stats.iteration);
    for (std::size_t i = 0; i < stats.steps.size() && i < stats.step_names.size(); ++i) {
      h += PercentileRow("step " + stats.step_names[i], stats.steps[i].latency);
    }
  }
  h += "</table>\n";
  h += o.open ? "<p class=\"why\">Latency counts from each request's intended start, so time a "
                "request spent waiting because the target fell behind is included; service time "
                "counts from the moment it was sent.</p>\n"
              : "<p class=\"why\">Closed loop: each connection waits for its previous response, "
                "so latency hides server stalls; use an open model (a rate) to see them.</p>\n";

  h += LatencyOverTime(stats, o.open);
  h += ThroughputOverTime(stats, o.open);
  h += PercentileDistribution(stats);

  if (stats.steps.size() > 1) {
    h += "<h2>Steps</h2>\n<table><tr><th>step</th><th>responses</th><th>errors</th>"
         "<th>p50</th><th>p99</th></tr>\n";
    for (std::size_t i = 0; i < stats.steps.size() && i < stats.step_names.size(); ++i) {
      const StepStats& s = stats.steps[i];
      h += fmt::format(
          "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
          HtmlEscape(stats.step_names[i]), s.requests, s.errors,
          FormatMicros(static_cast<double>(s.latency.ValueAtPercentile(50))),
          FormatMicros(static_cast<double>(s.latency.ValueAtPercentile(99))));
    }
    h += "</table>\n";
  }

  h += "<h2>Responses</h2>\n<table><tr><th>status</th><th>count</th></tr>\n";
  for (std::size_t s = 0; s < t.status.size(); ++s) {
    if (t.status[s] > 0)
      h += fmt::format("<tr><td class=\"l\">{}</td><td>{}</td></tr>\n", s, t.status[s]);
  }
  h += "</table>\n";
  if (t.errors > 0) {
    h += "<h2>Errors</h2>\n<table><tr><th>kind</th><th>count</th><th>first</th></tr>\n";
    for (std::size_t k = 0; k < kErrorKinds; ++k) {
      if (t.errors_by_kind[k] == 0) continue;
      h += fmt::format("<tr><td class=\"l\">{}</td><td>{}</td><td class=\"l\">{}</td></tr>\n",
                       ErrorKindName(static_cast<ErrorKind>(k)), t.errors_by_kind[k],
                       HtmlEscape(stats.error_examples[k]));
    }
    h += "</table>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace gori::load
