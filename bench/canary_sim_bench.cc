// Simulation of gori canary's error rates, printed as the table of docs/canary.md:
// for traffic level x planted effect x metric kind, how often the judge fails a canary (false
// fails on A/A data, detections on planted regressions), passes it or calls it inconclusive,
// next to a Kayenta-compatible classification of the same data (per-step points — p99 from the
// step's buckets, error ratio of the step with NaN replaced by 0 — Mann-Whitney with a 98 %
// interval, High when the lower bound exceeds 25 % of the |estimate|).
// Usage: canary_sim_bench [REPS] (default 200); deterministic for a given REPS.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "canary/config.h"
#include "canary/extract.h"
#include "canary/judge.h"
#include "stats/rank_test.h"

namespace {

using namespace gori;

constexpr int64_t kEnd = 1'764'000'000;
constexpr int64_t kWindow = 600, kStep = 60;
const std::vector<double> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

struct Track {
  double rps = 50, median = 0.08, sigma = 0.5, err = 0.001;
};

struct Simulated {
  prom::QueryResult hist, errors, requests;
  std::vector<double> p99_points, ratio_points;  // what Kayenta would compare
};

Simulated Simulate(const Track& t, std::mt19937_64& rng) {
  Simulated s;
  const int steps = static_cast<int>(kWindow / kStep) + 1;
  std::poisson_distribution<int> arrivals(t.rps * kStep);
  std::lognormal_distribution<double> latency(std::log(t.median), t.sigma);
  std::bernoulli_distribution failed(t.err);
  std::vector<prom::Series> buckets(kBounds.size() + 1);
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    buckets[b].labels = {{"le", b < kBounds.size() ? fmt::format("{}", kBounds[b]) : "+Inf"}};
  }
  prom::Series errs, reqs;
  for (int i = 0; i < steps; ++i) {
    const int64_t t_ms = (kEnd - kWindow + i * kStep) * 1000;
    const int n = arrivals(rng);
    std::vector<double> per(kBounds.size() + 1, 0);
    int e = 0;
    for (int r = 0; r < n; ++r) {
      const double x = latency(rng);
      std::size_t k = 0;
      while (k < kBounds.size() && x > kBounds[k]) ++k;
      per[k] += 1;
      e += failed(rng) ? 1 : 0;
    }
    canary::Buckets step;
    double cumulative = 0;
    for (std::size_t b = 0; b < per.size(); ++b) {
      cumulative += per[b];
      buckets[b].samples.push_back({t_ms, cumulative / kStep});
      step.bounds.push_back(b < kBounds.size() ? kBounds[b] : INFINITY);
      step.counts.push_back(per[b]);
    }
    step.total = n;
    s.p99_points.push_back(n > 0 ? canary::BucketValueAtRank(step, 0.99 * n) : 0.0);
    s.ratio_points.push_back(n > 0 ? static_cast<double>(e) / n : 0.0);
    errs.samples.push_back({t_ms, static_cast<double>(e)});
    reqs.samples.push_back({t_ms, static_cast<double>(n)});
  }
  s.hist = {"matrix", buckets, {}};
  s.errors = {"matrix", {errs}, {}};
  s.requests = {"matrix", {reqs}, {}};
  return s;
}

class SimFetcher final : public canary::Fetcher {
 public:
  const Simulated* baseline = nullptr;
  const Simulated* canary = nullptr;
  Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) override {
    const Simulated* s = q.query.find("baseline") != std::string::npos ? baseline : canary;
    if (q.query.find("_bucket") != std::string::npos) return s->hist;
    if (q.query.find("errors") != std::string::npos) return s->errors;
    return s->requests;
  }
};

// Kayenta's rule on per-step points: 98 % interval of the shift, High when its lower bound is
// above 25 % of |estimate| (identical data and all-equal values pass).
bool KayentaHigh(const std::vector<double>& b, const std::vector<double>& c) {
  std::vector<double> sb = b, sc = c;
  std::sort(sb.begin(), sb.end());
  std::sort(sc.begin(), sc.end());
  if (sb == sc) return false;
  const stats::Shift s = stats::HodgesLehmann(b, c, 0.01);
  return s.lower > 0.25 * std::fabs(s.estimate);
}

const char* kConfig = R"(window: 10m
step: 1m
minRequests: 50
metrics:
  - name: latency
    kind: latency-histogram
    query: 'sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}} }[1m]))'
    margin: 10%
  - name: errors
    kind: ratio
    numerator: 'sum(increase(http_requests_errors_total{ {{selector}} }[1m]))'
    denominator: 'sum(increase(http_requests_total{ {{selector}} }[1m]))'
    margin: 0.1pp
)";

struct Row {
  std::string traffic, effect;
  Track base, can;
};

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 200;
  const canary::Config config = *canary::ParseConfig(kConfig, "sim.yaml");
  std::vector<Row> rows;
  for (double rps : {5.0, 50.0}) {
    const std::string traffic = fmt::format("{:g} req/s", rps);
    Track a{rps, 0.08, 0.5, 0.001};
    Track lat = a;
    lat.median *= 1.2;  // every quantile, p99 included, +20 %
    Track err = a;
    err.err *= 5;
    rows.push_back({traffic, "A/A", a, a});
    rows.push_back({traffic, "latency +20 %", a, lat});
    rows.push_back({traffic, "errors 5x", a, err});
  }
  std::printf(
      "| traffic | planted | metric | gori fail | gori pass | gori inconclusive | "
      "Kayenta-like High |\n|---|---|---|---|---|---|---|\n");
  std::mt19937_64 rng(20261205);
  for (const Row& row : rows) {
    std::map<std::string, std::array<int, 4>> count;  // metric -> fail, pass, inconclusive, kayenta
    int verdict_fail = 0;
    for (int r = 0; r < reps; ++r) {
      const Simulated b = Simulate(row.base, rng);
      const Simulated c = Simulate(row.can, rng);
      SimFetcher f;
      f.baseline = &b;
      f.canary = &c;
      canary::JudgeInput in;
      in.config = &config;
      in.baseline_selector = "track=\"baseline\"";
      in.canary_selector = "track=\"canary\"";
      in.end_s = kEnd;
      auto v = canary::Judge(in, f);
      if (!v) return 2;
      verdict_fail += v->verdict == "fail" ? 1 : 0;
      for (const auto& m : v->metrics) {
        auto& k = count[m.config->name];
        const bool failed = m.cls == canary::Class::kHigh || m.cls == canary::Class::kLow;
        k[0] += failed;
        k[1] += m.cls == canary::Class::kPass;
        k[2] += m.cls == canary::Class::kInconclusive || m.cls == canary::Class::kNodata;
      }
      count["latency"][3] += KayentaHigh(b.p99_points, c.p99_points);
      count["errors"][3] += KayentaHigh(b.ratio_points, c.ratio_points);
    }
    auto pct = [&](int x) { return fmt::format("{:.1f} %", 100.0 * x / reps); };
    for (const char* metric : {"latency", "errors"}) {
      const auto& k = count[metric];
      std::printf("| %s | %s | %s | %s | %s | %s | %s |\n", row.traffic.c_str(), row.effect.c_str(),
                  metric, pct(k[0]).c_str(), pct(k[1]).c_str(), pct(k[2]).c_str(),
                  pct(k[3]).c_str());
    }
    std::printf("| %s | %s | verdict fail | %s | | | |\n", row.traffic.c_str(), row.effect.c_str(),
                pct(verdict_fail).c_str());
  }
  std::printf(
      "\n%d repetitions per row, 10-minute window at 1-minute steps, alpha 0.05 (Holm), "
      "margins 10 %% (latency) and 0.1 pp (errors); baseline latency lognormal median "
      "80 ms, sigma 0.5, error rate 0.1 %%.\n",
      reps);
  return 0;
}
