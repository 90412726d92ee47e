#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/html_escape.h"
#include "canary/report.h"

namespace gori::canary {
namespace {

std::string Esc(std::string_view s) { return HtmlEscape(s); }

std::string Value(const MetricResult& m, double v) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  if (m.config->kind == Kind::kRatio) return fmt::format("{:+.3f}pp", v * 100);
  if (m.config->margin.relative) return fmt::format("{:+.1f}%", v * 100);
  return fmt::format("{:+.4g}", v);
}

const char* Color(Class c) {
  switch (c) {
    case Class::kPass:
      return "#2e7d32";
    case Class::kHigh:
    case Class::kLow:
      return "#c62828";
    case Class::kNodata:
      return "#6d4c41";
    case Class::kInconclusive:
      return "#ef6c00";
  }
  return "#000";
}

// The interval and the estimate on an axis with the margin(s) drawn as dashed lines.
std::string IntervalSvg(const MetricResult& m) {
  if (std::isnan(m.lower) || std::isnan(m.upper) || std::isnan(m.margin)) return "";
  const double margin = m.margin;
  double lo = std::min({m.lower, -margin, 0.0}), hi = std::max({m.upper, margin, 0.0});
  if (!std::isfinite(lo)) lo = -4 * std::max(margin, 1e-9);
  if (!std::isfinite(hi)) hi = 4 * std::max(margin, 1e-9);
  const double pad = (hi - lo) * 0.1 + 1e-12;
  lo -= pad;
  hi += pad;
  const double width = 420, left = 10;
  auto x = [&](double v) {
    v = std::clamp(v, lo, hi);
    return left + (v - lo) / (hi - lo) * width;
  };
  std::string s = "<svg width=\"440\" height=\"46\" viewBox=\"0 0 440 46\" role=\"img\">";
  s += fmt::format("<line x1=\"{:.1f}\" y1=\"4\" x2=\"{:.1f}\" y2=\"40\" stroke=\"#999\"/>", x(0),
                   x(0));
  auto dashed = [&](double v) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"4\" x2=\"{0:.1f}\" y2=\"40\" stroke=\"#c62828\" "
        "stroke-dasharray=\"4 3\"/>",
        x(v));
  };
  if (m.config->direction != Direction::kDecrease) dashed(margin);
  if (m.config->direction != Direction::kIncrease) dashed(-margin);
  s += fmt::format(
      "<line x1=\"{:.1f}\" y1=\"22\" x2=\"{:.1f}\" y2=\"22\" stroke=\"{}\" "
      "stroke-width=\"4\"/>",
      x(m.lower), x(m.upper), Color(m.cls));
  if (!std::isnan(m.estimate)) {
    s += fmt::format("<circle cx=\"{:.1f}\" cy=\"22\" r=\"5\" fill=\"{}\"/>", x(m.estimate),
                     Color(m.cls));
  }
  s += fmt::format("<text x=\"10\" y=\"45\" font-size=\"9\">{}</text>", Esc(Value(m, lo)));
  s += fmt::format("<text x=\"430\" y=\"45\" font-size=\"9\" text-anchor=\"end\">{}</text>",
                   Esc(Value(m, hi)));
  s += "</svg>";
  return s;
}

// Bucket fractions of both tracks side by side, or the points of both tracks as strips.
std::string DistributionSvg(const MetricResult& m) {
  std::string s;
  if (!m.bucket_bounds.empty() && m.n_baseline > 0 && m.n_canary > 0) {
    const std::size_t n = m.bucket_bounds.size();
    const double bw = 420.0 / static_cast<double>(n);
    double top = 0;
    for (std::size_t i = 0; i < n; ++i) {
      top = std::max({top, m.baseline_buckets[i] / m.n_baseline, m.canary_buckets[i] / m.n_canary});
    }
    if (top <= 0) return "";
    s = "<svg width=\"440\" height=\"120\" viewBox=\"0 0 440 120\" role=\"img\">";
    for (std::size_t i = 0; i < n; ++i) {
      const double hb = 90 * m.baseline_buckets[i] / m.n_baseline / top;
      const double hc = 90 * m.canary_buckets[i] / m.n_canary / top;
      const double x0 = 10 + bw * static_cast<double>(i);
      s += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"#1565c0\"/>",
          x0 + 1, 95 - hb, bw / 2 - 1, hb);
      s += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"#ef6c00\"/>",
          x0 + bw / 2, 95 - hc, bw / 2 - 1, hc);
      s += fmt::format(
          "<text x=\"{:.1f}\" y=\"110\" font-size=\"8\" text-anchor=\"middle\">{}"
          "</text>",
          x0 + bw / 2, Esc(fmt::format("{:g}", m.bucket_bounds[i])));
    }
    s += "</svg>";
    return s;
  }
  if (m.baseline_points.empty() || m.canary_points.empty()) return "";
  double lo = m.baseline_points[0], hi = lo;
  for (const auto* v : {&m.baseline_points, &m.canary_points}) {
    for (double x : *v) {
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  }
  if (hi <= lo) hi = lo + 1;
  s = "<svg width=\"440\" height=\"60\" viewBox=\"0 0 440 60\" role=\"img\">";
  auto strip = [&](const std::vector<double>& v, double y, const char* color) {
    for (double x : v) {
      s += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{}\" r=\"2.5\" fill=\"{}\" fill-opacity=\"0.5\"/>",
          10 + (x - lo) / (hi - lo) * 420, y, color);
    }
  };
  strip(m.baseline_points, 15, "#1565c0");
  strip(m.canary_points, 35, "#ef6c00");
  s += fmt::format("<text x=\"10\" y=\"56\" font-size=\"9\">{}</text>",
                   Esc(fmt::format("{:.4g}", lo)));
  s += fmt::format("<text x=\"430\" y=\"56\" font-size=\"9\" text-anchor=\"end\">{}</text>",
                   Esc(fmt::format("{:.4g}", hi)));
  s += "</svg>";
  return s;
}

}  // namespace

std::string FormatHtml(const Verdict& v) {
  const Config& c = *v.config;
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>gori canary: ";
  h += Esc(v.verdict);
  h += "</title><style>body{font-family:'DejaVu Sans',sans-serif;margin:24px;color:#222}"
       "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;"
       "text-align:left;vertical-align:top}code{font-size:12px;word-break:break-all}"
       ".v{font-size:28px;font-weight:bold}.k{color:#555}</style></head><body>\n";
  const char* color = v.verdict == "pass" ? "#2e7d32" : v.verdict == "fail" ? "#c62828" : "#ef6c00";
  h += fmt::format("<p class=\"v\" style=\"color:{}\">{} &middot; score {:g}</p>\n", color,
                   Esc(v.verdict), v.score);
  h += "<p>" + Esc(v.reason) + "</p>\n<table>";
  auto row = [&](std::string_view k, const std::string& val) {
    h += "<tr><th class=\"k\">" + Esc(k) + "</th><td><code>" + Esc(val) + "</code></td></tr>";
  };
  row("window",
      Rfc3339(v.start_s) + " .. " + Rfc3339(v.end_s) + ", step " + std::to_string(v.step_s) + "s");
  row("baseline", v.baseline_selector);
  row("canary", v.canary_selector);
  row("alpha", fmt::format("{:g} (look {} of {}: {:.4g}), {}", c.alpha, v.look, c.looks,
                           v.alpha_look, MultipleName(c.multiple)));
  row("config", c.digest);
  std::string groups;
  for (const auto& g : v.groups) {
    groups += fmt::format("{}{} {:g} (weight {:g})", groups.empty() ? "" : "; ", g.name, g.score,
                          g.weight);
  }
  row("group scores", groups);
  h += "</table>\n";
  for (const auto& m : v.metrics) {
    h += fmt::format("<h2>{}{} <span style=\"color:{}\">{}</span></h2>\n", Esc(m.config->name),
                     m.config->critical ? " (critical)" : "", Color(m.cls), Esc(ClassName(m.cls)));
    h += "<p>" + Esc(m.reason) + "</p><table>";
    row("kind", std::string(KindName(m.config->kind)) + ", direction " +
                    std::string(DirectionName(m.config->direction)) + ", margin " +
                    m.config->margin.text);
    row("estimate",
        Value(m, m.estimate) + " [" + Value(m, m.lower) + ", " + Value(m, m.upper) + "]");
    row("p", fmt::format("{:.4g} (adjusted {:.4g})", m.p, m.p_adjusted));
    row("n baseline / canary", fmt::format("{:g} / {:g} (dropped {} / {})", m.n_baseline,
                                           m.n_canary, m.dropped_baseline, m.dropped_canary));
    for (std::size_t i = 0; i < m.queries.size(); ++i) {
      row("query (" + (i < m.query_tracks.size() ? m.query_tracks[i] : std::string("?")) + ")",
          m.queries[i]);
    }
    for (const auto& q : m.quantiles) {
      row(fmt::format("p{:g}", q.q * 100),
          fmt::format("{:.4g} -> {:.4g}: {} [{}, {}] p {:.3g} {}", q.baseline, q.canary,
                      Value(m, q.estimate), Value(m, q.lower), Value(m, q.upper), q.p,
                      ClassName(q.cls)));
    }
    h += "</table>\n";
    h += "<p>interval against the margin (dashed):<br>" + IntervalSvg(m) + "</p>\n";
    const std::string dist = DistributionSvg(m);
    if (!dist.empty()) {
      h += "<p>distributions (<span style=\"color:#1565c0\">baseline</span>, "
           "<span style=\"color:#ef6c00\">canary</span>):<br>" +
           dist + "</p>\n";
    }
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace gori::canary
