#include "canary/judge.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "canary/analyze.h"
#include "canary/tracks.h"
#include "stats/multiplicity.h"

namespace gori::canary {
namespace {

Window MakeWindow(const JudgeInput& in) {
  const Config& c = *in.config;
  const int64_t window = in.start_s != 0 ? std::max<int64_t>(c.step_s, in.end_s - in.start_s)
                                         : (in.window_s > 0 ? in.window_s : c.window_s);
  const prom::RangeQuery q = prom::AlignWindow("", in.end_s, window, c.step_s);
  return Window{q.start_s, q.end_s, q.step_s};
}

prom::RangeQuery Range(const Window& w, std::string query) {
  return prom::RangeQuery{std::move(query), w.start_s, w.end_s, w.step_s};
}

constexpr int kBoth = 2;

// One query of a metric: which part (0 query or numerator, 1 denominator) for which track
// (0 baseline, 1 canary, kBoth: the one-query form). Baseline queries first, as in the evidence.
struct PlanStep {
  const std::string* query;
  int part;
  int track;
};

std::vector<PlanStep> Plan(const MetricConfig& m) {
  std::vector<const std::string*> parts = {m.kind == Kind::kRatio ? &m.numerator : &m.query};
  if (m.kind == Kind::kRatio) parts.push_back(&m.denominator);
  std::vector<PlanStep> out;
  for (int track = 0; track < 2; ++track) {
    for (int part = 0; part < static_cast<int>(parts.size()); ++part) {
      if (!IsOneQuery(*parts[part])) {
        out.push_back({parts[part], part, track});
      } else if (track == 0) {
        out.push_back({parts[part], part, kBoth});
      }
    }
  }
  return out;
}

double Round2(double v) { return std::round(v * 100) / 100; }

void Score(Verdict& v) {
  const Config& c = *v.config;
  std::map<std::string, GroupScore> groups;
  for (const auto& m : v.metrics) {
    GroupScore& g = groups[m.config->group];
    g.name = m.config->group;
    switch (m.cls) {
      case Class::kPass:
        ++g.pass;
        break;
      case Class::kHigh:
      case Class::kLow:
        ++g.fail;
        break;
      case Class::kNodata:
        ++g.nodata;
        break;
      case Class::kInconclusive:
        ++g.inconclusive;
        break;
    }
  }
  // Nodata metrics that must have data count against their group.
  std::map<std::string, int> nodata_fail;
  for (const auto& m : v.metrics) {
    if (m.cls == Class::kNodata && m.config->must_have_data) ++nodata_fail[m.config->group];
  }
  double weighted = 0;
  int unweighted = 0;
  for (auto& [name, g] : groups) {
    if (auto it = c.group_weights.find(name); it != c.group_weights.end()) {
      g.weight = it->second;
      weighted += it->second;
    } else {
      ++unweighted;
    }
  }
  double total = 0;
  for (auto& [name, g] : groups) {
    if (c.group_weights.count(name) == 0) g.weight = (100 - weighted) / unweighted;
    const int denominator = g.pass + g.fail + nodata_fail[name];
    g.score = denominator == 0 ? 100 : 100.0 * g.pass / denominator;
    total += g.score * g.weight / 100;
    v.groups.push_back(g);
  }
  v.score = Round2(total);
}

void Conclude(Verdict& v) {
  const Config& c = *v.config;
  std::size_t nodata = 0, inconclusive = 0;
  const MetricResult* critical_fail = nullptr;
  const MetricResult* critical_open = nullptr;
  const MetricResult* first_nodata = nullptr;
  for (const auto& m : v.metrics) {
    const bool failed = m.cls == Class::kHigh || m.cls == Class::kLow ||
                        (m.cls == Class::kNodata && m.config->must_have_data);
    if (m.cls == Class::kNodata) {
      ++nodata;
      if (first_nodata == nullptr) first_nodata = &m;
    }
    if (m.cls == Class::kInconclusive) ++inconclusive;
    if (m.config->critical && failed && critical_fail == nullptr) critical_fail = &m;
    if (m.config->critical && !failed && m.cls != Class::kPass && critical_open == nullptr) {
      critical_open = &m;
    }
  }
  const double n = static_cast<double>(v.metrics.size());
  if (critical_fail != nullptr) {
    v.score = 0;
    v.verdict = "fail";
    v.reason = fmt::format("critical metric '{}' is {}: {}", critical_fail->config->name,
                           ClassName(critical_fail->cls), critical_fail->reason);
  } else if (static_cast<double>(nodata) >= n / 2) {
    v.score = 0;
    v.verdict = "fail";
    v.reason = fmt::format("{} of {} metrics have no data", nodata, v.metrics.size());
  } else if (v.score < c.marginal_score) {
    v.verdict = "fail";
    v.reason =
        fmt::format("score {:g} is below the marginal threshold {:g}", v.score, c.marginal_score);
  } else if (first_nodata != nullptr) {
    v.verdict = "inconclusive";
    v.reason = fmt::format("metric '{}': {}", first_nodata->config->name, first_nodata->reason);
  } else if (critical_open != nullptr) {
    v.verdict = "inconclusive";
    v.reason = fmt::format("critical metric '{}' is inconclusive: {}", critical_open->config->name,
                           critical_open->reason);
  } else if (static_cast<double>(inconclusive) > c.max_inconclusive * n) {
    v.verdict = "inconclusive";
    v.reason = fmt::format("{} of {} metrics are inconclusive (maxInconclusive {:g}%)",
                           inconclusive, v.metrics.size(), c.max_inconclusive * 100);
  } else if (v.score >= c.pass_score) {
    v.verdict = "pass";
    v.reason = fmt::format("score {:g} reaches the pass threshold {:g}", v.score, c.pass_score);
  } else {
    v.verdict = "marginal";
    v.reason = fmt::format("score {:g} is between the marginal ({:g}) and pass ({:g}) thresholds",
                           v.score, c.marginal_score, c.pass_score);
  }
  v.exit_code = v.verdict == "pass"           ? 0
                : v.verdict == "fail"         ? 1
                : v.verdict == "inconclusive" ? 3
                                              : 4;
}

}  // namespace

std::vector<prom::RangeQuery> PlanQueries(const JudgeInput& in) {
  const Window w = MakeWindow(in);
  std::vector<prom::RangeQuery> out;
  for (const auto& m : in.config->metrics) {
    for (const auto& step : Plan(m)) {
      out.push_back(
          Range(w, step.track == kBoth
                       ? SubstituteBoth(*step.query, in.baseline_selector, in.canary_selector)
                       : Substitute(*step.query,
                                    step.track == 0 ? in.baseline_selector : in.canary_selector)));
    }
  }
  return out;
}

Result<Verdict> Judge(const JudgeInput& in, Fetcher& fetcher) {
  const Config& c = *in.config;
  Verdict v;
  v.config = &c;
  v.baseline_selector = in.baseline_selector;
  v.canary_selector = in.canary_selector;
  const Window w = MakeWindow(in);
  v.start_s = w.start_s;
  v.end_s = w.end_s;
  v.step_s = w.step_s;
  v.look = in.look > 0 ? std::min(in.look, c.looks) : c.looks;
  v.alpha_look = stats::LookAlpha(c.alpha, v.look, c.looks, c.spending);
  const double alpha = v.alpha_look;

  const auto queries = PlanQueries(in);
  std::optional<TrackSplitter> splitter;
  std::size_t next = 0;
  for (const auto& m : c.metrics) {
    TrackData tracks[2];
    std::vector<std::string> sent, sent_tracks;
    for (const PlanStep& step : Plan(m)) {
      const prom::RangeQuery& q = queries[next++];
      auto r = fetcher.Fetch(q);
      if (!r) {
        return Fail(fmt::format("metric '{}': {} (query: {})", m.name, r.error().message, q.query));
      }
      auto slot = [&](int track) -> prom::QueryResult& {
        return step.part == 0 ? tracks[track].main : tracks[track].denominator;
      };
      if (step.track == kBoth) {
        if (!splitter) {
          auto t = TrackSplitter::Create(in.baseline_selector, in.canary_selector);
          if (!t) return Fail(fmt::format("metric '{}': {}", m.name, t.error().message));
          splitter = std::move(*t);
        }
        auto [b, cn] = splitter->Split(*r);
        slot(0) = std::move(b);
        slot(1) = std::move(cn);
      } else {
        slot(step.track) = std::move(*r);
      }
      sent.push_back(q.query);
      sent_tracks.push_back(step.track == kBoth ? "both" : step.track == 0 ? "baseline" : "canary");
    }
    MetricResult r = Analyze(m, c, tracks[0], tracks[1], w, alpha);
    r.queries = std::move(sent);
    r.query_tracks = std::move(sent_tracks);
    v.metrics.push_back(std::move(r));
  }

  // Multiplicity control over the non-critical metrics that were tested; critical metrics keep
  // their own alpha.
  std::vector<double> p;
  std::vector<std::size_t> which;
  for (std::size_t i = 0; i < v.metrics.size(); ++i) {
    MetricResult& r = v.metrics[i];
    if (!r.testable) continue;
    r.p_adjusted = r.p;
    if (!r.config->critical) {
      p.push_back(r.p);
      which.push_back(i);
    }
  }
  std::vector<double> adjusted;
  switch (c.multiple) {
    case Multiple::kHolm:
      adjusted = stats::HolmAdjust(p);
      break;
    case Multiple::kBenjaminiHochberg:
      adjusted = stats::BenjaminiHochbergAdjust(p);
      break;
    case Multiple::kNone:
      adjusted = p;
      break;
  }
  for (std::size_t j = 0; j < which.size(); ++j) v.metrics[which[j]].p_adjusted = adjusted[j];
  for (auto& r : v.metrics) Decide(r, alpha);
  Score(v);
  Conclude(v);
  return v;
}

}  // namespace gori::canary
