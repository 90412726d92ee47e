#include "load/merge.h"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "base/source.h"
#include "base/try.h"
#include "doc/document.h"
#include "doc/fields.h"
#include "json/loader.h"
#include "load/engine.h"
#include "load/hdr_codec.h"
#include "load/units.h"

namespace gori::load {
namespace {

// Reads fields of one result document (gori's one typed-field reader); every miss names the
// file, the position of the field (or of the object lacking it) and the field.
class Reader {
 public:
  explicit Reader(std::string_view file) : fields_(file) {}

  Error Bad(const doc::Node* at, std::string_view what) const {
    return fields_.Bad(at, fmt::format("not a gori load result: {}", what)).value();
  }
  Result<const doc::Node*> Object(const doc::Node* parent, std::string_view key) const {
    const doc::Node* n = parent ? parent->Get(key) : nullptr;
    if (!n || !n->IsMap()) {
      return tl::unexpected(Bad(n ? n : parent, fmt::format("'{}' is not an object", key)));
    }
    return n;
  }
  Result<int64_t> Int(const doc::Node* parent, std::string_view key) const {
    const doc::Node* n = parent ? parent->Get(key) : nullptr;
    auto v = n ? n->AsInt() : std::nullopt;
    if (!v) return tl::unexpected(Bad(n ? n : parent, fmt::format("'{}' is not an integer", key)));
    return *v;
  }
  Result<double> Number(const doc::Node* parent, std::string_view key) const {
    const doc::Node* n = parent ? parent->Get(key) : nullptr;
    auto v = n ? n->AsDouble() : std::nullopt;
    if (!v) return tl::unexpected(Bad(n ? n : parent, fmt::format("'{}' is not a number", key)));
    return *v;
  }
  Result<std::string_view> String(const doc::Node* parent, std::string_view key) const {
    const doc::Node* n = parent ? parent->Get(key) : nullptr;
    auto v = n ? n->AsString() : std::nullopt;
    if (!v) return tl::unexpected(Bad(n ? n : parent, fmt::format("'{}' is not a string", key)));
    return *v;
  }
  Result<HdrHistogram> Histogram(const doc::Node* histograms, std::string_view key) const {
    auto text = String(histograms, key);
    if (!text) return tl::unexpected(text.error());
    const doc::Node* at = histograms->Get(key);
    auto h = DecodeBase64Histogram(*text);
    if (!h) {
      return tl::unexpected(Bad(at, fmt::format("histogram '{}': {}", key, h.error().message)));
    }
    // Merging adds bucket by bucket: only gori's own layout (1 µs - 1 h, 3 digits) is taken.
    HdrHistogram probe;
    if (!probe.Add(*h)) {
      return tl::unexpected(Bad(at, fmt::format("histogram '{}' has another layout", key)));
    }
    return h;
  }

 private:
  doc::FieldReader fields_;
};

std::size_t ErrorKindIndex(std::string_view name) {
  for (std::size_t k = 0; k < kErrorKinds; ++k) {
    if (ErrorKindName(static_cast<ErrorKind>(k)) == name) return k;
  }
  return kErrorKinds;
}

Status ReadOptions(const Reader& r, const doc::Node* root, RunResult& out) {
  GORI_TRY(model, r.String(root, "model"));
  if (model != "open" && model != "closed-loop")
    return tl::unexpected(r.Bad(root->Get("model"), "'model' is neither open nor closed-loop"));
  LoadOptions& o = out.options;
  o.open = model == "open";
  GORI_TRY(config, r.Object(root, "config"));
  GORI_TRY(connections, r.Int(config, "connections"));
  GORI_TRY(max_connections, r.Int(config, "max_connections"));
  GORI_TRY(threads, r.Int(config, "threads"));
  GORI_TRY(duration, r.Number(config, "duration_s"));
  o.connections = static_cast<int>(connections);
  o.max_connections = static_cast<int>(max_connections);
  o.threads = static_cast<int>(threads);
  o.duration_ns = static_cast<int64_t>(duration * 1e9);
  if (const doc::Node* w = config->Get("warmup_s"); w && w->AsInt()) {
    o.warmup_ns = *w->AsInt() * 1'000'000'000;
  }
  if (const doc::Node* sh = config->Get("shard"); sh && sh->AsString()) {
    auto s = ParseShard(*sh->AsString());
    if (!s) return tl::unexpected(r.Bad(sh, s.error().message));
    o.shard = s->index;
    o.shards = s->count;
  }
  if (const doc::Node* a = config->Get("arrivals"); a && a->AsString() == "poisson") {
    o.arrivals = Arrivals::kPoisson;
  }
  if (const doc::Node* stages = config->Get("stages")) {
    for (const doc::Node* s : stages->items()) {
      GORI_TRY(d, r.Number(s, "duration_s"));
      GORI_TRY(from, r.Number(s, "from_rps"));
      GORI_TRY(to, r.Number(s, "to_rps"));
      o.stages.push_back({static_cast<int64_t>(d * 1e9), from, to});
    }
  }
  // A result lists the measured stages and duration; the options of a run include the
  // warm-up, which reports take off again.
  AddWarmup(o);
  return {};
}

Status ReadTotals(const Reader& r, const doc::Node* root, RunStats& s) {
  IntervalStats& t = s.total;
  GORI_TRY(requests, r.Int(root, "requests"));
  GORI_TRY(iterations, r.Int(root, "iterations"));
  GORI_TRY(errors, r.Int(root, "errors"));
  GORI_TRY(late, r.Int(root, "late"));
  GORI_TRY(dropped, r.Int(root, "dropped"));
  GORI_TRY(unfinished, r.Int(root, "unfinished"));
  GORI_TRY(duration, r.Number(root, "duration_s"));
  t.requests = requests;
  t.iterations = iterations;
  t.errors = errors;
  t.late = late;
  t.dropped = dropped;
  t.unfinished = unfinished;
  s.duration_s = duration;
  if (const doc::Node* a = root->Get("aborted")) s.aborted = a->AsBool().value_or(false);
  GORI_TRY(kinds, r.Object(root, "errors_by_kind"));
  for (const doc::Pair& p : kinds->pairs()) {
    std::size_t k = ErrorKindIndex(p.key->text());
    if (k == kErrorKinds)
      return tl::unexpected(r.Bad(p.key, fmt::format("unknown error kind '{}'", p.key->text())));
    t.errors_by_kind[k] = p.value->AsInt().value_or(0);
  }
  if (const doc::Node* ex = root->Get("error_examples")) {
    for (const doc::Pair& p : ex->pairs()) {
      std::size_t k = ErrorKindIndex(p.key->text());
      if (k < kErrorKinds) s.error_examples[k] = std::string(p.value->AsString().value_or(""));
    }
  }
  GORI_TRY(status, r.Object(root, "status"));
  for (const doc::Pair& p : status->pairs()) {
    const std::string_view key = p.key->text();
    std::size_t code = 0;
    auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), code);
    if (ec != std::errc() || end != key.data() + key.size() || code >= t.status.size()) {
      return tl::unexpected(r.Bad(p.key, fmt::format("status code '{}'", key)));
    }
    t.status[code] = p.value->AsInt().value_or(0);
  }
  if (const doc::Node* p = root->Get("protocol")) s.protocol = p->AsString().value_or("");
  if (const doc::Node* g = root->Get("grpc_status")) {
    s.grpc = true;
    for (const doc::Pair& p : g->pairs()) {
      const std::size_t code = GrpcCodeIndex(p.key->text());
      if (code == kGrpcCodes) {
        return tl::unexpected(r.Bad(p.key, fmt::format("gRPC status '{}'", p.key->text())));
      }
      t.grpc_status[code] = p.value->AsInt().value_or(0);
    }
  }
  GORI_TRY(histograms, r.Object(root, "histograms"));
  GORI_TRY(latency, r.Histogram(histograms, "latency"));
  GORI_TRY(service, r.Histogram(histograms, "service_time"));
  GORI_TRY(send_delay, r.Histogram(histograms, "send_delay"));
  t.latency = std::move(latency);
  t.service = std::move(service);
  t.send_delay = std::move(send_delay);
  if (histograms->Get("iteration")) {
    GORI_TRY(iteration, r.Histogram(histograms, "iteration"));
    s.iteration = std::move(iteration);
  }
  return {};
}

Status ReadSteps(const Reader& r, const doc::Node* root, RunStats& s) {
  GORI_TRY(steps, r.Object(root, "steps"));
  for (const doc::Pair& p : steps->pairs()) {
    StepStats st;
    GORI_TRY(requests, r.Int(p.value, "requests"));
    GORI_TRY(errors, r.Int(p.value, "errors"));
    GORI_TRY(histograms, r.Object(p.value, "histograms"));
    GORI_TRY(latency, r.Histogram(histograms, "latency"));
    GORI_TRY(service, r.Histogram(histograms, "service_time"));
    st.requests = requests;
    st.errors = errors;
    st.latency = std::move(latency);
    st.service = std::move(service);
    s.step_names.emplace_back(p.key->text());
    s.steps.push_back(std::move(st));
  }
  return {};
}

Status ReadIntervals(const Reader& r, const doc::Node* root, RunStats& s) {
  const doc::Node* intervals = root->Get("intervals");
  if (!intervals || !intervals->IsSeq()) {
    return tl::unexpected(r.Bad(intervals ? intervals : root, "'intervals' is not a list"));
  }
  for (const doc::Node* i : intervals->items()) {
    IntervalRow row;
    GORI_TRY(second, r.Int(i, "second"));
    GORI_TRY(requests, r.Int(i, "requests"));
    GORI_TRY(errors, r.Int(i, "errors"));
    GORI_TRY(target, r.Number(i, "target_rps"));
    GORI_TRY(histograms, r.Object(i, "histograms"));
    GORI_TRY(latency, r.String(histograms, "latency"));
    GORI_TRY(service, r.String(histograms, "service_time"));
    row.second = second;
    row.requests = requests;
    row.errors = errors;
    row.target_rps = target;
    row.latency_hdr = std::string(latency);
    row.service_hdr = std::string(service);
    s.intervals.push_back(std::move(row));
  }
  return {};
}

// Recomputes the percentile columns of a row from its merged histograms.
void FillRow(IntervalRow& row, const HdrHistogram& latency, const HdrHistogram& service) {
  row.p50_us = latency.ValueAtPercentile(50);
  row.p90_us = latency.ValueAtPercentile(90);
  row.p99_us = latency.ValueAtPercentile(99);
  row.max_us = latency.Max();
  row.service_p99_us = service.ValueAtPercentile(99);
  row.latency_hdr = EncodeBase64Histogram(latency);
  row.service_hdr = EncodeBase64Histogram(service);
}

}  // namespace

Result<RunResult> ReadRunResult(std::string_view file, std::string_view json) {
  doc::LoadedFile f;
  f.source = Source::CopyOf(std::string(file), json);
  if (auto st = json::Load(f); !st) return tl::unexpected(st.error());
  const doc::Node* root = f.documents.front().root;
  Reader r(file);
  if (!root || !root->IsMap()) return tl::unexpected(r.Bad(root, "the document is not an object"));
  RunResult out;
  out.file = std::string(file);
  GORI_TRY(target, r.String(root, "target"));
  out.target = std::string(target);
  if (const doc::Node* n = root->Get("name")) out.name = std::string(n->AsString().value_or(""));
  if (auto st = ReadOptions(r, root, out); !st) return tl::unexpected(st.error());
  if (auto st = ReadTotals(r, root, out.stats); !st) return tl::unexpected(st.error());
  if (auto st = ReadSteps(r, root, out.stats); !st) return tl::unexpected(st.error());
  if (auto st = ReadIntervals(r, root, out.stats); !st) return tl::unexpected(st.error());
  if (const doc::Node* th = root->Get("thresholds")) {
    for (const doc::Node* t : th->items()) {
      GORI_TRY(expr, r.String(t, "expr"));
      out.thresholds.emplace_back(expr);
    }
  }
  return out;
}

namespace {

// Shards carry one schedule: stage lengths and rates agree. Independent runs each carry their
// own rates, which add up when their stages line up in time.
bool SameSchedule(const LoadOptions& a, const LoadOptions& b, bool rates) {
  if (a.stages.size() != b.stages.size() || a.duration_ns != b.duration_ns) return false;
  for (std::size_t s = 0; s < a.stages.size(); ++s) {
    if (a.stages[s].duration_ns != b.stages[s].duration_ns) return false;
    if (rates && (a.stages[s].from_rps != b.stages[s].from_rps ||
                  a.stages[s].to_rps != b.stages[s].to_rps)) {
      return false;
    }
  }
  return true;
}

bool SameResult(const RunResult& a, const RunResult& b) {
  if (a.target != b.target || a.options.open != b.options.open ||
      a.stats.step_names != b.stats.step_names ||
      a.stats.total.requests != b.stats.total.requests ||
      a.stats.intervals.size() != b.stats.intervals.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.stats.intervals.size(); ++i) {
    if (a.stats.intervals[i].latency_hdr != b.stats.intervals[i].latency_hdr) return false;
  }
  return true;
}

// Refuses inputs that would count requests twice or are not one distributed run; warns about
// independent runs of different schedules.
Status CheckMergeable(const std::vector<RunResult>& runs, std::vector<std::string>& warnings) {
  const RunResult& first = runs.front();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunResult& a = runs[i];
    if ((a.options.shards > 1) != (first.options.shards > 1) ||
        (a.options.shards > 1 && a.options.shards != first.options.shards)) {
      return Fail(
          fmt::format("{} is shard {}/{} but {} is shard {}/{}: shards of one run share "
                      "their count",
                      first.file, first.options.shard, first.options.shards, a.file,
                      a.options.shard, a.options.shards));
    }
    for (std::size_t j = 0; j < i; ++j) {
      const RunResult& b = runs[j];
      if (a.options.shards > 1 && a.options.shard == b.options.shard) {
        return Fail(
            fmt::format("{} and {} are both shard {}/{}: the same shard twice would count "
                        "its requests twice",
                        b.file, a.file, a.options.shard, a.options.shards));
      }
      if (SameResult(a, b)) {
        return Fail(
            fmt::format("{} and {} hold the same result: a run merged with itself would "
                        "count its requests twice",
                        b.file, a.file));
      }
    }
    if (SameSchedule(a.options, first.options, a.options.shards > 1)) continue;
    if (a.options.shards > 1) {
      return Fail(
          fmt::format("{} and {} ran different schedules: shards of one run carry the "
                      "same schedule",
                      first.file, a.file));
    }
    warnings.push_back(
        fmt::format("{} and {} ran different schedules: their target rates are "
                    "not added, the merged schedule shown is {}'s",
                    first.file, a.file, first.file));
  }
  return {};
}

}  // namespace

Result<RunResult> MergeRuns(const std::vector<RunResult>& runs) {
  if (runs.empty()) return Fail("no results to merge");
  std::vector<std::string> warnings;
  if (auto st = CheckMergeable(runs, warnings); !st) return tl::unexpected(st.error());
  RunResult out = runs.front();
  RunStats& m = out.stats;
  bool same_stages = true;
  for (std::size_t i = 1; i < runs.size(); ++i) {
    const RunResult& x = runs[i];
    if (x.options.open != out.options.open) {
      return Fail("cannot merge an open-model run with a closed-loop run");
    }
    if (x.stats.step_names != m.step_names) {
      return Fail("cannot merge runs of different scenarios (their steps differ)");
    }
    m.total.Add(x.stats.total);  // layouts were checked when the files were read
    (void)m.iteration.Add(x.stats.iteration);
    for (std::size_t s = 0; s < m.steps.size(); ++s) m.steps[s].Add(x.stats.steps[s]);
    m.duration_s = std::max(m.duration_s, x.stats.duration_s);
    m.aborted = m.aborted || x.stats.aborted;
    m.grpc = m.grpc || x.stats.grpc;
    if (m.protocol.empty()) m.protocol = x.stats.protocol;
    for (std::size_t k = 0; k < kErrorKinds; ++k) {
      if (m.error_examples[k].empty()) m.error_examples[k] = x.stats.error_examples[k];
    }
    LoadOptions& o = out.options;
    o.connections += x.options.connections;
    o.max_connections += x.options.max_connections;
    o.threads += x.options.threads;
    o.duration_ns = std::max(o.duration_ns, x.options.duration_ns);
    o.warmup_ns = std::max(o.warmup_ns, x.options.warmup_ns);
    // Shards of one distributed run all carry the whole schedule; independent runs each
    // carried their own rate, which add up.
    same_stages = same_stages && x.options.shards == 1 && out.options.shards == 1 &&
                  x.options.stages.size() == o.stages.size();
    for (std::size_t s = 0; same_stages && s < o.stages.size(); ++s) {
      same_stages = x.options.stages[s].duration_ns == o.stages[s].duration_ns;
    }
    if (same_stages) {
      for (std::size_t s = 0; s < o.stages.size(); ++s) {
        o.stages[s].from_rps += x.options.stages[s].from_rps;
        o.stages[s].to_rps += x.options.stages[s].to_rps;
      }
    }
    if (x.target != out.target && out.target.find(x.target) == std::string::npos) {
      out.target += ", " + x.target;
    }
    for (const std::string& t : x.thresholds) {
      if (std::find(out.thresholds.begin(), out.thresholds.end(), t) == out.thresholds.end()) {
        out.thresholds.push_back(t);
      }
    }
  }
  out.options.shard = 0;
  out.options.shards = 1;
  out.warnings = std::move(warnings);
  // Second by second: only two histograms are decoded at a time, whatever the run's length.
  std::map<int64_t, std::vector<const IntervalRow*>> by_second;
  for (const RunResult& x : runs) {
    for (const IntervalRow& row : x.stats.intervals) by_second[row.second].push_back(&row);
  }
  m.intervals.clear();
  for (const auto& [second, rows] : by_second) {
    IntervalRow merged;
    merged.second = second;
    HdrHistogram latency, service;
    for (const IntervalRow* row : rows) {
      merged.requests += row->requests;
      merged.errors += row->errors;
      merged.target_rps += row->target_rps;
      auto l = DecodeBase64Histogram(row->latency_hdr);
      auto s = DecodeBase64Histogram(row->service_hdr);
      if (!l || !s) return Fail(fmt::format("second {}: a histogram does not decode", second));
      if (auto st = latency.Add(*l); !st) return tl::unexpected(st.error());
      if (auto st = service.Add(*s); !st) return tl::unexpected(st.error());
    }
    FillRow(merged, latency, service);
    m.intervals.push_back(std::move(merged));
  }
  return out;
}

}  // namespace gori::load
#undef GORI_TRY
