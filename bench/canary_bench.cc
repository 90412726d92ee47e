// gori canary judge without the network: 20 metrics (8 latency histograms of 12 buckets, 6
// error ratios, 3 gauges, 3 counter rates) over a 1-hour window at 15 s steps, both tracks.
// The Prometheus responses are pre-rendered in the API's JSON wire format (what a recording of
// query_range returns), so each iteration measures what the judge adds to the round trips:
// decoding every response, the statistics, multiplicity, scoring and the JSON evidence.
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <random>
#include <string>

#include <fmt/format.h>

#include "canary/config.h"
#include "canary/judge.h"
#include "canary/report.h"
#include "prom/response.h"

namespace {

using namespace gori;

constexpr int64_t kEnd = 1'764'000'000;
constexpr int64_t kWindow = 3600, kStep = 15;
const char* kBounds[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                         "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};

std::string Matrix(const std::vector<std::pair<std::string, std::vector<double>>>& series) {
  std::string out = R"({"status":"success","data":{"resultType":"matrix","result":[)";
  for (std::size_t s = 0; s < series.size(); ++s) {
    if (s) out += ',';
    out += R"({"metric":{)" + series[s].first + R"(},"values":[)";
    const auto& v = series[s].second;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      out += fmt::format("[{},\"{}\"]", kEnd - kWindow + static_cast<int64_t>(i) * kStep, v[i]);
    }
    out += "]}";
  }
  out += "]}}";
  return out;
}

struct Recorded {
  canary::Config config;
  std::map<std::string, std::string> bodies;  // query -> response body
};

Recorded Record() {
  std::string yaml = "window: 1h\nstep: 15s\nmetrics:\n";
  for (int i = 0; i < 8; ++i) {
    yaml += fmt::format(
        "  - {{name: lat{0}, kind: latency-histogram, query: 'sum by (le) "
        "(rate(lat{0}_bucket{{ {{{{selector}}}} }}[1m]))', margin: 10%}}\n",
        i);
  }
  for (int i = 0; i < 6; ++i) {
    yaml += fmt::format(
        "  - {{name: err{0}, kind: ratio, numerator: 'sum(rate(err{0}{{ "
        "{{{{selector}}}} }}[1m]))', denominator: 'sum(rate(req{0}{{ "
        "{{{{selector}}}} }}[1m]))', margin: 0.1pp}}\n",
        i);
  }
  for (int i = 0; i < 3; ++i) {
    yaml += fmt::format(
        "  - {{name: cpu{0}, kind: gauge, query: 'avg(cpu{0}{{ {{{{selector}}}} "
        "}})', margin: 10%}}\n",
        i);
    yaml += fmt::format(
        "  - {{name: rps{0}, kind: counter-rate, query: 'sum(rate(rps{0}{{ "
        "{{{{selector}}}} }}[1m]))', margin: 10%, direction: decrease}}\n",
        i);
  }
  Recorded r;
  r.config = *canary::ParseConfig(yaml, "bench.yaml");
  std::mt19937_64 rng(42);
  std::normal_distribution<double> noise(0, 1);
  const int points = kWindow / kStep + 1;
  canary::JudgeInput in;
  in.config = &r.config;
  in.baseline_selector = "track=\"baseline\"";
  in.canary_selector = "track=\"canary\"";
  in.end_s = kEnd;
  for (const auto& q : canary::PlanQueries(in)) {
    std::vector<std::pair<std::string, std::vector<double>>> series;
    if (q.query.find("_bucket") != std::string::npos) {
      double cumulative = 0;
      const double share[] = {0.01, 0.02, 0.07,  0.2,   0.3,    0.25,
                              0.1,  0.04, 0.008, 0.001, 0.0005, 0.0005};
      for (int b = 0; b < 12; ++b) {
        cumulative += share[b] * 50;
        std::vector<double> v(points);
        for (auto& x : v) x = std::round(cumulative * (1 + 0.02 * noise(rng)) * 1000) / 1000;
        series.push_back({fmt::format("\"le\":\"{}\"", kBounds[b]), v});
      }
    } else {
      const double level = q.query.find("err") != std::string::npos   ? 0.05
                           : q.query.find("req") != std::string::npos ? 50
                                                                      : 0.5;
      std::vector<double> v(points);
      for (auto& x : v) x = std::round(level * (1 + 0.05 * noise(rng)) * 10000) / 10000;
      series.push_back({"", v});
    }
    r.bodies[q.query] = Matrix(series);
  }
  return r;
}

class RecordedFetcher final : public canary::Fetcher {
 public:
  explicit RecordedFetcher(const Recorded& r) : r_(r) {}
  Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) override {
    return prom::DecodeResponse(200, r_.bodies.at(q.query));
  }

 private:
  const Recorded& r_;
};

void BM_Judge20Metrics1h15s(benchmark::State& state) {
  static const Recorded recorded = Record();
  canary::JudgeInput in;
  in.config = &recorded.config;
  in.baseline_selector = "track=\"baseline\"";
  in.canary_selector = "track=\"canary\"";
  in.end_s = kEnd;
  RecordedFetcher fetcher(recorded);
  std::size_t bytes = 0;
  for (const auto& [q, b] : recorded.bodies) bytes += b.size();
  for (auto _ : state) {
    auto v = canary::Judge(in, fetcher);
    std::string json = canary::FormatJson(*v);
    benchmark::DoNotOptimize(json);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
  state.counters["queries"] = static_cast<double>(recorded.bodies.size());
}
BENCHMARK(BM_Judge20Metrics1h15s)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
