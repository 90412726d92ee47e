#include "canary/config.h"

#include "canary/tracks.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "base/duration.h"
#include "base/source.h"
#include "doc/document.h"
#include "doc/fields.h"
#include "net/digest.h"
#include "yaml/loader.h"

namespace gori::canary {
namespace {

using doc::FieldReader;
using doc::Node;

Result<int64_t> Seconds(const FieldReader& r, const Node* n, std::string_view what) {
  auto t = r.Text(n, what);
  if (!t) return tl::unexpected(t.error());
  auto d = ParseDuration(*t);
  if (!d) return r.Bad(n, fmt::format("{}: {}", what, d.error().message));
  if (*d <= 0 || *d % 1'000'000'000 != 0) {
    return r.Bad(n, fmt::format("{} must be a positive whole number of seconds", what));
  }
  return *d / 1'000'000'000;
}

// "10%", "+10%", "0.1pp", "0.5": what a metric may regress by before it matters.
Result<Margin> ReadMargin(const FieldReader& r, const Node* n, Kind kind) {
  auto t = r.Text(n, "margin");
  if (!t) return tl::unexpected(t.error());
  std::string_view s = *t;
  Margin m;
  m.text = std::string(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double scale = 1;
  if (s.ends_with("%")) {
    s.remove_suffix(1);
    m.relative = true;
    scale = 0.01;
  } else if (s.ends_with("pp")) {
    s.remove_suffix(2);
    if (kind != Kind::kRatio) {
      return r.Bad(n, "margin in percentage points (pp) is for ratio metrics only");
    }
    scale = 0.01;
  }
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v) || v < 0) {
    return r.Bad(n, fmt::format("margin '{}' is not a non-negative number, percentage (10%) or "
                                "percentage points (0.1pp)",
                                m.text));
  }
  m.value = v * scale;
  return m;
}

Result<std::string> Query(const FieldReader& r, const Node* n, std::string_view what) {
  auto t = r.Text(n, what);
  if (!t) return tl::unexpected(t.error());
  const bool one = t->find("{{baseline}}") != std::string_view::npos ||
                   t->find("{{canary}}") != std::string_view::npos;
  if (one && !IsOneQuery(*t)) {
    return r.Bad(n, fmt::format("{} must contain both {{{{baseline}}}} and {{{{canary}}}}", what));
  }
  if (!one && t->find("{{selector}}") == std::string_view::npos) {
    return r.Bad(n, fmt::format("{} must contain {{{{selector}}}} (replaced by the track's "
                                "selector)",
                                what));
  }
  return std::string(*t);
}

Result<MetricConfig> ReadMetric(const FieldReader& r, const Node* n) {
  if (auto s = r.Keys(n, "a metric",
                      {"name", "kind", "query", "numerator", "denominator", "quantiles", "values",
                       "direction", "margin", "critical", "mustHaveData", "group", "weight"});
      !s) {
    return tl::unexpected(s.error());
  }
  MetricConfig m;
  m.line = n->line();
  const Node* name = n->Get("name");
  if (!name) return r.Bad(n, "a metric needs a name");
  auto t = r.Text(name, "name");
  if (!t) return tl::unexpected(t.error());
  if (t->empty()) return r.Bad(name, "name must not be empty");
  m.name = std::string(*t);
  const Node* kind = n->Get("kind");
  if (!kind) return r.Bad(n, fmt::format("metric '{}' needs a kind", m.name));
  auto k = r.Text(kind, "kind");
  if (!k) return tl::unexpected(k.error());
  if (*k == "latency-histogram") {
    m.kind = Kind::kLatencyHistogram;
  } else if (*k == "ratio") {
    m.kind = Kind::kRatio;
  } else if (*k == "gauge") {
    m.kind = Kind::kGauge;
  } else if (*k == "counter-rate") {
    m.kind = Kind::kCounterRate;
  } else {
    return r.Bad(kind, fmt::format("unknown kind '{}' (latency-histogram, ratio, gauge, "
                                   "counter-rate)",
                                   *k));
  }
  if (m.kind == Kind::kRatio) {
    if (const Node* q = n->Get("query")) {
      return r.Bad(q, "a ratio metric has numerator and denominator instead of query");
    }
    const Node* num = n->Get("numerator");
    const Node* den = n->Get("denominator");
    if (!num || !den)
      return r.Bad(n, fmt::format("ratio metric '{}' needs numerator and "
                                  "denominator",
                                  m.name));
    auto a = Query(r, num, "numerator");
    if (!a) return tl::unexpected(a.error());
    auto b = Query(r, den, "denominator");
    if (!b) return tl::unexpected(b.error());
    m.numerator = std::move(*a);
    m.denominator = std::move(*b);
  } else {
    for (const char* key : {"numerator", "denominator"}) {
      if (const Node* x = n->Get(key)) {
        return r.Bad(x, fmt::format("{} is for ratio metrics; this one has a query", key));
      }
    }
    const Node* q = n->Get("query");
    if (!q) return r.Bad(n, fmt::format("metric '{}' needs a query", m.name));
    auto a = Query(r, q, "query");
    if (!a) return tl::unexpected(a.error());
    m.query = std::move(*a);
  }
  if (const Node* q = n->Get("quantiles")) {
    if (m.kind != Kind::kLatencyHistogram) {
      return r.Bad(q, "quantiles are for latency-histogram metrics");
    }
    if (!q->IsSeq() || q->size() == 0) return r.Bad(q, "quantiles must be a list like [0.5, 0.99]");
    for (const Node* x : q->items()) {
      auto v = r.Number(x, "a quantile", 0.01, 0.999);
      if (!v) return tl::unexpected(v.error());
      m.quantiles.push_back(*v);
    }
  } else if (m.kind == Kind::kLatencyHistogram) {
    m.quantiles = {0.5, 0.9, 0.99};
  }
  const std::string& first = m.kind == Kind::kRatio ? m.numerator : m.query;
  m.values_are_rates = first.find("increase(") == std::string::npos;
  if (const Node* v = n->Get("values")) {
    auto s = r.Text(v, "values");
    if (!s) return tl::unexpected(s.error());
    if (*s == "rate") {
      m.values_are_rates = true;
    } else if (*s == "count") {
      m.values_are_rates = false;
    } else {
      return r.Bad(v, "values must be rate (per second) or count (per step)");
    }
  }
  if (const Node* d = n->Get("direction")) {
    auto s = r.Text(d, "direction");
    if (!s) return tl::unexpected(s.error());
    if (*s == "increase") {
      m.direction = Direction::kIncrease;
    } else if (*s == "decrease") {
      m.direction = Direction::kDecrease;
    } else if (*s == "both" || *s == "either") {
      m.direction = Direction::kBoth;
    } else {
      return r.Bad(d, fmt::format("unknown direction '{}' (increase, decrease, both)", *s));
    }
  }
  const Node* margin = n->Get("margin");
  if (!margin) {
    return r.Bad(n, fmt::format("metric '{}' needs a margin (e.g. 10% or 0.1pp): the smallest "
                                "regression that matters",
                                m.name));
  }
  auto mg = ReadMargin(r, margin, m.kind);
  if (!mg) return tl::unexpected(mg.error());
  m.margin = std::move(*mg);
  for (auto [key, field] :
       {std::pair{"critical", &m.critical}, std::pair{"mustHaveData", &m.must_have_data}}) {
    if (const Node* b = n->Get(key)) {
      auto v = r.Bool(b, key);
      if (!v) return tl::unexpected(v.error());
      *field = *v;
    }
  }
  m.group = m.name;
  if (const Node* g = n->Get("group")) {
    auto s = r.Text(g, "group");
    if (!s) return tl::unexpected(s.error());
    m.group = std::string(*s);
  }
  return m;
}

}  // namespace

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kLatencyHistogram:
      return "latency-histogram";
    case Kind::kRatio:
      return "ratio";
    case Kind::kGauge:
      return "gauge";
    case Kind::kCounterRate:
      return "counter-rate";
  }
  return "?";
}

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kIncrease:
      return "increase";
    case Direction::kDecrease:
      return "decrease";
    case Direction::kBoth:
      return "both";
  }
  return "?";
}

std::string_view MultipleName(Multiple m) {
  switch (m) {
    case Multiple::kHolm:
      return "holm";
    case Multiple::kBenjaminiHochberg:
      return "bh";
    case Multiple::kNone:
      return "none";
  }
  return "?";
}

std::string Substitute(std::string_view query, std::string_view selector) {
  static constexpr std::string_view kSlot = "{{selector}}";
  std::string out;
  for (;;) {
    const auto at = query.find(kSlot);
    if (at == std::string_view::npos) break;
    out.append(query.substr(0, at));
    out.append(selector);
    query.remove_prefix(at + kSlot.size());
  }
  out.append(query);
  return out;
}

std::string SubstituteBoth(std::string_view query, std::string_view baseline,
                           std::string_view canary) {
  std::string out;
  while (!query.empty()) {
    if (query.starts_with("{{baseline}}")) {
      out.append(baseline);
      query.remove_prefix(12);
    } else if (query.starts_with("{{canary}}")) {
      out.append(canary);
      query.remove_prefix(10);
    } else {
      out += query.front();
      query.remove_prefix(1);
    }
  }
  return out;
}

Result<Config> ParseConfig(std::string_view yaml, std::string_view file_name) {
  doc::LoadedFile file;
  file.source = Source::FromString(std::string(file_name), std::string(yaml));
  if (auto s = yaml::Load(file); !s) return tl::unexpected(s.error());
  const FieldReader r(file.source->name());
  if (file.documents.size() != 1 || !file.documents[0].root) {
    return Fail("a canary config holds exactly one YAML document", {file.source->name(), 1, 1});
  }
  if (!file.documents[0].duplicate_keys.empty()) {
    const auto& d = file.documents[0].duplicate_keys[0];
    return r.Bad(d.duplicate, fmt::format("duplicate key '{}'", d.duplicate->text()));
  }
  const Node* root = file.documents[0].root;
  if (auto s =
          r.Keys(root, "the canary config",
                 {"window", "step", "alpha", "multipleComparisons", "minRequests", "looks",
                  "alphaSpending", "maxInconclusive", "thresholds", "groupWeights", "metrics"});
      !s) {
    return tl::unexpected(s.error());
  }
  Config c;
  c.digest = "sha256:" + net::Sha256Hex(yaml);
  if (const Node* n = root->Get("window")) {
    auto v = Seconds(r, n, "window");
    if (!v) return tl::unexpected(v.error());
    c.window_s = *v;
  }
  if (const Node* n = root->Get("step")) {
    auto v = Seconds(r, n, "step");
    if (!v) return tl::unexpected(v.error());
    c.step_s = *v;
  }
  if (const Node* n = root->Get("alpha")) {
    auto v = r.Number(n, "alpha", 1e-6, 0.5);
    if (!v) return tl::unexpected(v.error());
    c.alpha = *v;
  }
  if (const Node* n = root->Get("multipleComparisons")) {
    auto s = r.Text(n, "multipleComparisons");
    if (!s) return tl::unexpected(s.error());
    if (*s == "holm") {
      c.multiple = Multiple::kHolm;
    } else if (*s == "bh") {
      c.multiple = Multiple::kBenjaminiHochberg;
    } else if (*s == "none") {
      c.multiple = Multiple::kNone;
    } else {
      return r.Bad(n, fmt::format("unknown multipleComparisons '{}' (holm, bh, none)", *s));
    }
  }
  if (const Node* n = root->Get("minRequests")) {
    auto v = r.Int(n, "minRequests", 1, int64_t{1} << 40);
    if (!v) return tl::unexpected(v.error());
    c.min_requests = *v;
  }
  if (const Node* n = root->Get("looks")) {
    auto v = r.Int(n, "looks", 1, 1000);
    if (!v) return tl::unexpected(v.error());
    c.looks = static_cast<int>(*v);
  }
  if (const Node* n = root->Get("alphaSpending")) {
    auto s = r.Text(n, "alphaSpending");
    if (!s) return tl::unexpected(s.error());
    if (*s == "obrien-fleming") {
      c.spending = stats::Spending::kObrienFleming;
    } else if (*s == "pocock") {
      c.spending = stats::Spending::kPocock;
    } else {
      return r.Bad(n, fmt::format("unknown alphaSpending '{}' (obrien-fleming, pocock)", *s));
    }
  }
  if (const Node* n = root->Get("maxInconclusive")) {
    auto s = r.Text(n, "maxInconclusive");
    if (!s) return tl::unexpected(s.error());
    std::string_view v = *s;
    const bool percent = v.ends_with("%");
    if (percent) v.remove_suffix(1);
    double x = -1;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || ec != std::errc() || ptr != v.data() + v.size()) x = -1;
    if (percent) x /= 100;
    if (!(x >= 0 && x <= 1)) {
      return r.Bad(n, "maxInconclusive must be a fraction (0.25) or a percentage (25%)");
    }
    c.max_inconclusive = x;
  }
  if (const Node* n = root->Get("thresholds")) {
    if (auto s = r.Keys(n, "thresholds", {"pass", "marginal"}); !s)
      return tl::unexpected(s.error());
    if (const Node* p = n->Get("pass")) {
      auto v = r.Number(p, "thresholds.pass", 0, 100);
      if (!v) return tl::unexpected(v.error());
      c.pass_score = *v;
    }
    if (const Node* p = n->Get("marginal")) {
      auto v = r.Number(p, "thresholds.marginal", 0, 100);
      if (!v) return tl::unexpected(v.error());
      c.marginal_score = *v;
    }
    if (c.marginal_score > c.pass_score) {
      return r.Bad(n, "thresholds.marginal must not be above thresholds.pass");
    }
  }
  std::map<std::string, const Node*> weight_nodes;
  if (const Node* n = root->Get("groupWeights")) {
    if (!n->IsMap()) return r.Bad(n, "groupWeights must be a mapping of group to percent");
    for (const auto& p : n->pairs()) {
      auto v = r.Number(p.value, "a group weight", 0, 100);
      if (!v) return tl::unexpected(v.error());
      c.group_weights[std::string(p.key->text())] = *v;
      weight_nodes[std::string(p.key->text())] = p.value;
    }
  }
  const Node* metrics = root->Get("metrics");
  if (!metrics) return r.Bad(root, "the canary config needs metrics");
  if (!metrics->IsSeq() || metrics->size() == 0) {
    return r.Bad(metrics, "metrics must be a non-empty list");
  }
  std::set<std::string> names;
  for (const Node* n : metrics->items()) {
    auto m = ReadMetric(r, n);
    if (!m) return tl::unexpected(m.error());
    if (!names.insert(m->name).second) {
      return r.Bad(n->Get("name"), fmt::format("duplicate metric name '{}'", m->name));
    }
    if (const Node* w = n->Get("weight")) {
      auto v = r.Number(w, "weight", 0, 100);
      if (!v) return tl::unexpected(v.error());
      auto [it, fresh] = c.group_weights.emplace(m->group, *v);
      if (!fresh && it->second != *v) {
        return r.Bad(w, fmt::format("group '{}' already has weight {}", m->group, it->second));
      }
      weight_nodes.emplace(m->group, w);
    }
    c.metrics.push_back(std::move(*m));
  }
  double total = 0;
  for (const auto& entry : c.group_weights) {
    const std::string& group = entry.first;
    const double w = entry.second;
    const bool used = std::any_of(c.metrics.begin(), c.metrics.end(),
                                  [&](const MetricConfig& m) { return m.group == group; });
    if (!used) return r.Bad(weight_nodes[group], fmt::format("no metric is in group '{}'", group));
    total += w;
  }
  if (total > 100 + 1e-9) {
    return r.Bad(weight_nodes.begin()->second,
                 fmt::format("group weights add up to {} (more than 100)", total));
  }
  return c;
}

Result<Config> LoadConfigFile(const std::string& path) {
  auto src = Source::Read(path);
  if (!src) return tl::unexpected(src.error());
  return ParseConfig((*src)->bytes(), path);
}

}  // namespace gori::canary
