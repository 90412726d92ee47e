#include <cmath>

#include "canary/report.h"
#include "json/writer.h"

namespace gori::canary {

std::string FormatJson(const Verdict& v) {
  const Config& c = *v.config;
  std::string out;
  json::Writer w(out, 2);
  w.BeginObject();
  w.Member("verdict", v.verdict);
  w.Member("score", v.score);
  w.Member("reason", v.reason);
  w.Member("exit_code", v.exit_code);
  w.Member("judge", "gori canary judge");
  w.Member("config_digest", c.digest);
  w.Key("window").BeginObject();
  w.Member("start", Rfc3339(v.start_s));
  w.Member("end", Rfc3339(v.end_s));
  w.Member("step_seconds", v.step_s);
  w.EndObject();
  w.Member("baseline", v.baseline_selector);
  w.Member("canary", v.canary_selector);
  w.Member("alpha", c.alpha);
  w.Member("look", v.look);
  w.Member("looks", c.looks);
  w.Member("alpha_look", v.alpha_look);
  w.Member("multiple_comparisons", MultipleName(c.multiple));
  w.Key("thresholds").BeginObject();
  w.Member("pass", c.pass_score);
  w.Member("marginal", c.marginal_score);
  w.EndObject();
  w.Key("groups").BeginArray();
  for (const auto& g : v.groups) {
    w.BeginObject();
    w.Member("name", g.name);
    w.Member("weight", g.weight);
    w.Member("score", g.score);
    w.Member("pass", g.pass);
    w.Member("fail", g.fail);
    w.Member("nodata", g.nodata);
    w.Member("inconclusive", g.inconclusive);
    w.EndObject();
  }
  w.EndArray();
  w.Key("metrics").BeginArray();
  for (const auto& m : v.metrics) {
    w.BeginObject();
    w.Member("name", m.config->name);
    w.Member("kind", KindName(m.config->kind));
    w.Member("group", m.config->group);
    w.Member("critical", m.config->critical);
    w.Member("must_have_data", m.config->must_have_data);
    w.Member("direction", DirectionName(m.config->direction));
    w.Member("margin", m.config->margin.text);
    w.Member("margin_value", m.margin);
    w.Member("estimate_unit", m.config->kind == Kind::kRatio ? "difference of proportions"
                              : m.config->margin.relative    ? "relative change"
                                                             : "metric unit");
    w.Member("class", ClassName(m.cls));
    w.Member("estimate", m.estimate);
    w.Key("ci").BeginArray().Double(m.lower).Double(m.upper).EndArray();
    w.Member("p", m.p);
    w.Member("p_adjusted", m.p_adjusted);
    w.Member("effect", m.effect);
    w.Member("n_baseline", m.n_baseline);
    w.Member("n_canary", m.n_canary);
    w.Member("dropped_baseline", m.dropped_baseline);
    w.Member("dropped_canary", m.dropped_canary);
    w.Member("baseline_level", m.baseline_level);
    w.Member("canary_level", m.canary_level);
    w.Member("n_needed", m.n_needed);
    w.Member("reason", m.reason);
    if (!m.quantiles.empty()) {
      w.Key("quantiles").BeginArray();
      for (const auto& q : m.quantiles) {
        w.BeginObject();
        w.Member("q", q.q);
        w.Member("baseline", q.baseline);
        w.Member("canary", q.canary);
        w.Member("estimate", q.estimate);
        w.Key("ci").BeginArray().Double(q.lower).Double(q.upper).EndArray();
        w.Member("p", q.p);
        w.Member("class", ClassName(q.cls));
        w.EndObject();
      }
      w.EndArray();
    }
    w.Key("queries").BeginArray();
    for (const auto& q : m.queries) w.String(q);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace gori::canary
