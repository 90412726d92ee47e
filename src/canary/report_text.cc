#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "canary/report.h"

namespace gori::canary {
namespace {

std::string Value(const MetricResult& m, double v) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  if (m.config->kind == Kind::kRatio) return fmt::format("{:+.3f}pp", v * 100);
  if (m.config->margin.relative) return fmt::format("{:+.1f}%", v * 100);
  return fmt::format("{:+.4g}", v);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return s;
}

}  // namespace

std::string Rfc3339(int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string FormatText(const Verdict& v) {
  const Config& c = *v.config;
  std::string out =
      fmt::format("gori canary: {} (score {:g}): {}\n", Upper(v.verdict), v.score, v.reason);
  out += fmt::format("window {} .. {}, step {}s; alpha {:g}", Rfc3339(v.start_s), Rfc3339(v.end_s),
                     v.step_s, c.alpha);
  if (c.looks > 1) out += fmt::format(" (look {} of {}: {:.4g})", v.look, c.looks, v.alpha_look);
  out += fmt::format(", {}; config {}\n", MultipleName(c.multiple), c.digest);
  out += fmt::format("baseline {{{}}}  canary {{{}}}\n\n", v.baseline_selector, v.canary_selector);
  out += fmt::format("{:<20} {:<13} {:>10} {:>24} {:>9} {:>21}\n", "metric", "class", "estimate",
                     "interval", "p", "n baseline/canary");
  for (const auto& m : v.metrics) {
    std::string name = m.config->name;
    if (m.config->critical) name += " *";
    const std::string ci =
        std::isnan(m.lower) ? "-" : fmt::format("[{}, {}]", Value(m, m.lower), Value(m, m.upper));
    const std::string p = std::isnan(m.p_adjusted)
                              ? (std::isnan(m.p) ? "-" : fmt::format("{:.3g}", m.p))
                              : fmt::format("{:.3g}", m.p_adjusted);
    out += fmt::format("{:<20} {:<13} {:>10} {:>24} {:>9} {:>21}\n", name, ClassName(m.cls),
                       Value(m, m.estimate), ci, p,
                       fmt::format("{:g}/{:g}", m.n_baseline, m.n_canary));
    out += fmt::format("  {}\n", m.reason);
    if (m.dropped_baseline + m.dropped_canary > 0) {
      out += fmt::format("  dropped (NaN or missing): {} baseline, {} canary\n", m.dropped_baseline,
                         m.dropped_canary);
    }
  }
  out += "\ngroup scores:";
  for (const auto& g : v.groups)
    out += fmt::format(" {} {:g} (weight {:g})", g.name, g.score, g.weight);
  out += "\n";
  return out;
}

}  // namespace gori::canary
