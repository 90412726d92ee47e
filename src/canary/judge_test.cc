#include "canary/judge.h"

#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "canary/report.h"

namespace gori::canary {
namespace {

constexpr int64_t kEnd = 1'764'000'000;  // a multiple of 60

// Answers each query from a table; unknown queries get an empty result (absent series).
class TableFetcher final : public Fetcher {
 public:
  std::map<std::string, prom::QueryResult> table;
  std::vector<std::string> asked;
  Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) override {
    asked.push_back(q.query);
    if (auto it = table.find(q.query); it != table.end()) return it->second;
    return prom::QueryResult{"matrix", {}, {}};
  }
};

prom::QueryResult Points(const std::vector<double>& values, int64_t start = kEnd - 1800,
                         int64_t step = 60) {
  prom::Series s;
  for (std::size_t i = 0; i < values.size(); ++i) {
    s.samples.push_back({(start + static_cast<int64_t>(i) * step) * 1000, values[i]});
  }
  return prom::QueryResult{"matrix", {s}, {}};
}

// Per-step bucket rates from per-bucket counts over `steps` steps of 60 s (cumulative by le).
prom::QueryResult Histogram(const std::vector<std::pair<std::string, double>>& per_bucket,
                            int steps = 30) {
  prom::QueryResult r{"matrix", {}, {}};
  double cumulative = 0;
  for (const auto& [le, count] : per_bucket) {
    cumulative += count;
    prom::Series s;
    s.labels = {{"le", le}};
    for (int i = 0; i < steps; ++i) {
      s.samples.push_back({(kEnd - 1800 + i * 60) * 1000, cumulative / steps / 60});
    }
    r.series.push_back(s);
  }
  return r;
}

Config MustParse(const std::string& yaml) {
  auto c = ParseConfig(yaml, "c.yaml");
  EXPECT_TRUE(c) << c.error().ToString();
  return *c;
}

JudgeInput Input(const Config& c) {
  JudgeInput in;
  in.config = &c;
  in.baseline_selector = "track=\"baseline\"";
  in.canary_selector = "track=\"canary\"";
  in.end_s = kEnd;
  return in;
}

const char* kGauge =
    "metrics:\n  - {name: cpu, kind: gauge, query: 'cpu{ {{selector}} }', margin: 10%}\n";

TEST(CanaryJudge, IdenticalSeriesPassWithoutJitter) {
  const Config c = MustParse(kGauge);
  TableFetcher f;
  f.table["cpu{ track=\"baseline\" }"] = Points({1, 1, 1, 1, 1});
  f.table["cpu{ track=\"canary\" }"] = Points({1, 1, 1, 1, 1});
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_EQ(v->verdict, "pass");
  EXPECT_EQ(v->exit_code, 0);
  EXPECT_EQ(v->metrics[0].reason, "identical data in both tracks");
  EXPECT_EQ(f.asked,
            (std::vector<std::string>{"cpu{ track=\"baseline\" }", "cpu{ track=\"canary\" }"}));
}

TEST(CanaryJudge, SevenHundredsAgainstTenOnesFails) {
  // spinnaker#6278: Kayenta passes this canary.
  const Config c = MustParse(kGauge);
  TableFetcher f;
  f.table["cpu{ track=\"baseline\" }"] = Points(std::vector<double>(10, 1.0));
  f.table["cpu{ track=\"canary\" }"] = Points({100, 100, 100, 100, 100, 100, 100, 1, 1, 1});
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->metrics[0].cls, Class::kHigh) << v->metrics[0].reason;
  EXPECT_EQ(v->verdict, "fail");
  EXPECT_EQ(v->exit_code, 1);
  EXPECT_DOUBLE_EQ(v->metrics[0].estimate, 99);  // +9900 % of the baseline median 1
}

TEST(CanaryJudge, FewPointsAreUnderpoweredNotPass) {
  const Config c = MustParse("alpha: 0.01\n" + std::string(kGauge));
  TableFetcher f;
  f.table["cpu{ track=\"baseline\" }"] = Points({1.0, 1.1, 0.9});
  f.table["cpu{ track=\"canary\" }"] = Points({1.05, 0.95, 1.02});
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->metrics[0].cls, Class::kInconclusive);
  EXPECT_TRUE(v->metrics[0].underpowered);
  EXPECT_EQ(v->verdict, "inconclusive");
  EXPECT_EQ(v->exit_code, 3);
}

const char* kRatio =
    "minRequests: 1\n"
    "metrics:\n  - name: errors\n    kind: ratio\n"
    "    numerator: 'sum(increase(err{ {{selector}} }[1m]))'\n"
    "    denominator: 'sum(increase(req{ {{selector}} }[1m]))'\n"
    "    margin: 0.1pp\n";

TEST(CanaryJudge, ZeroErrorsInFiveRequestsIsInconclusive) {
  const Config c = MustParse(kRatio);
  TableFetcher f;
  f.table["sum(increase(err{ track=\"baseline\" }[1m]))"] = Points({1, 0, 0, 0, 0});
  f.table["sum(increase(req{ track=\"baseline\" }[1m]))"] = Points({1000, 1000, 1000, 1000, 1000});
  f.table["sum(increase(err{ track=\"canary\" }[1m]))"] = Points({0, 0, 0, 0, 0});
  f.table["sum(increase(req{ track=\"canary\" }[1m]))"] = Points({1, 1, 1, 1, 1});
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  const MetricResult& m = v->metrics[0];
  EXPECT_EQ(m.cls, Class::kInconclusive) << m.reason;
  EXPECT_DOUBLE_EQ(m.n_canary, 5);
  EXPECT_DOUBLE_EQ(m.n_baseline, 5000);
  EXPECT_GT(m.upper, 0.1);
  EXPECT_GT(m.n_needed, 5);
  EXPECT_EQ(v->exit_code, 3);
}

TEST(CanaryJudge, FiveTimesTheErrorRateFailsAndAbsentErrorSeriesIsZeroErrors) {
  const Config c = MustParse(kRatio);
  TableFetcher f;
  // No baseline error series at all (kayenta#799): zero errors in 30000 requests.
  f.table["sum(increase(req{ track=\"baseline\" }[1m]))"] = Points(std::vector<double>(30, 1000));
  f.table["sum(increase(err{ track=\"canary\" }[1m]))"] = Points(std::vector<double>(30, 5));
  f.table["sum(increase(req{ track=\"canary\" }[1m]))"] = Points(std::vector<double>(30, 1000));
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  const MetricResult& m = v->metrics[0];
  EXPECT_EQ(m.cls, Class::kHigh) << m.reason;
  EXPECT_DOUBLE_EQ(m.baseline_level, 0);
  EXPECT_DOUBLE_EQ(m.canary_level, 0.005);
  EXPECT_EQ(v->verdict, "fail");
}

TEST(CanaryJudge, AbsentCanaryIsNodataNeverPass) {
  const Config c = MustParse(kRatio);
  TableFetcher f;
  f.table["sum(increase(req{ track=\"baseline\" }[1m]))"] = Points(std::vector<double>(30, 1000));
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->metrics[0].cls, Class::kNodata);
  EXPECT_EQ(v->metrics[0].reason, "no data for the canary track");
  EXPECT_EQ(v->verdict, "fail");  // every metric without data
  EXPECT_EQ(v->exit_code, 1);

  // One metric of three without data: inconclusive, not pass.
  const Config two = MustParse(std::string(kRatio) +
                               "  - {name: cpu, kind: gauge, query: 'cpu{ {{selector}} }', "
                               "margin: 10%}\n"
                               "  - {name: mem, kind: gauge, query: 'mem{ {{selector}} }', "
                               "margin: 10%}\n");
  for (const char* q : {"cpu{ track=\"baseline\" }", "cpu{ track=\"canary\" }",
                        "mem{ track=\"baseline\" }", "mem{ track=\"canary\" }"}) {
    f.table[q] = Points({1, 1, 1, 1, 1});
  }
  auto v2 = Judge(Input(two), f);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->verdict, "inconclusive");
  EXPECT_EQ(v2->exit_code, 3);
}

const char* kLatency =
    "metrics:\n  - name: latency\n    kind: latency-histogram\n"
    "    query: 'sum by (le) (rate(h_bucket{ {{selector}} }[1m]))'\n"
    "    margin: 10%\n";

TEST(CanaryJudge, LatencyHistogramsPassWhenEqualAndFailWhenShifted) {
  const Config c = MustParse(kLatency);
  const std::vector<std::pair<std::string, double>> base = {
      {"0.05", 20000}, {"0.1", 40000}, {"0.25", 30000}, {"0.5", 8000}, {"1", 1900}, {"+Inf", 100}};
  TableFetcher f;
  f.table["sum by (le) (rate(h_bucket{ track=\"baseline\" }[1m]))"] = Histogram(base);
  f.table["sum by (le) (rate(h_bucket{ track=\"canary\" }[1m]))"] = Histogram(base);
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->metrics[0].cls, Class::kPass) << v->metrics[0].reason;
  EXPECT_DOUBLE_EQ(v->metrics[0].n_baseline, 100000);
  EXPECT_EQ(v->verdict, "pass");

  f.table["sum by (le) (rate(h_bucket{ track=\"canary\" }[1m]))"] = Histogram({{"0.05", 10000},
                                                                               {"0.1", 30000},
                                                                               {"0.25", 40000},
                                                                               {"0.5", 15000},
                                                                               {"1", 4500},
                                                                               {"+Inf", 500}});
  v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->metrics[0].cls, Class::kHigh) << v->metrics[0].reason;
  EXPECT_EQ(v->verdict, "fail");
}

TEST(CanaryJudge, NaNAndGapsAreDroppedAndCounted) {
  const Config c = MustParse(kGauge);
  TableFetcher f;
  f.table["cpu{ track=\"baseline\" }"] = Points({1, NAN, 1, 1, 1});
  f.table["cpu{ track=\"canary\" }"] = Points({1, 1, 1, 1});
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  EXPECT_DOUBLE_EQ(v->metrics[0].n_baseline, 4);
  EXPECT_EQ(v->metrics[0].dropped_baseline, 27);  // 31 instants in 30 minutes at 1 minute
  EXPECT_EQ(v->metrics[0].dropped_canary, 27);
  EXPECT_TRUE(v->metrics[0].identical);
}

TEST(CanaryJudge, FetchErrorsAreJudgmentErrors) {
  class Down final : public Fetcher {
    Result<prom::QueryResult> Fetch(const prom::RangeQuery&) override {
      return Fail("prometheus: cannot connect to 127.0.0.1:9: Connection refused");
    }
  } down;
  const Config c = MustParse(kGauge);
  auto v = Judge(Input(c), down);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().message,
            "metric 'cpu': prometheus: cannot connect to 127.0.0.1:9: Connection refused "
            "(query: cpu{ track=\"baseline\" })");
}

TEST(CanaryJudge, SameDataGivesSameBytes) {
  const Config c =
      MustParse(std::string(kGauge) +
                "  - {name: mem, kind: gauge, query: 'mem{ {{selector}} }', margin: 5%}\n");
  TableFetcher f;
  f.table["cpu{ track=\"baseline\" }"] = Points({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  f.table["cpu{ track=\"canary\" }"] = Points({2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  f.table["mem{ track=\"baseline\" }"] = Points({5, 5.1, 5.2, 5.1, 5.0, 5.05, 5.15, 5.1, 5.1, 5.0});
  f.table["mem{ track=\"canary\" }"] = Points({5, 5.1, 5.2, 5.1, 5.0, 5.05, 5.15, 5.1, 5.1, 5.05});
  auto a = Judge(Input(c), f);
  auto b = Judge(Input(c), f);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(FormatJson(*a), FormatJson(*b));
  EXPECT_EQ(FormatText(*a), FormatText(*b));
  EXPECT_EQ(FormatHtml(*a), FormatHtml(*b));
  EXPECT_NE(FormatJson(*a).find("\"verdict\": "), std::string::npos);
  EXPECT_NE(FormatJson(*a).find("\"config_digest\": \"sha256:"), std::string::npos);
}

TEST(CanaryJudge, HolmAdjustsTheNonCriticalMetrics) {
  const Config c =
      MustParse(std::string(kGauge) +
                "  - {name: mem, kind: gauge, query: 'mem{ {{selector}} }', margin: 5%}\n");
  TableFetcher f;
  f.table["cpu{ track=\"baseline\" }"] = Points({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  f.table["cpu{ track=\"canary\" }"] = Points({2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  f.table["mem{ track=\"baseline\" }"] = Points({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  f.table["mem{ track=\"canary\" }"] = Points({1, 2, 3, 4, 5, 6, 7, 8, 9, 12});
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v);
  const double p0 = v->metrics[0].p, p1 = v->metrics[1].p;
  EXPECT_DOUBLE_EQ(std::max(v->metrics[0].p_adjusted, v->metrics[1].p_adjusted),
                   std::max(std::min(1.0, 2 * std::min(p0, p1)), std::max(p0, p1)));
}

TEST(CanaryJudge, OneQueryFormFetchesOnceAndSplitsTheTracks) {
  const Config c = MustParse(
      "metrics:\n  - name: latency\n    kind: latency-histogram\n"
      "    query: 'sum by (le, track) (rate(h_bucket{ {{baseline}} } or h_bucket{ {{canary}} }))'\n"
      "    margin: 10%\n");
  prom::QueryResult both = Histogram({{"0.1", 50000}, {"0.5", 49000}, {"+Inf", 1000}});
  const std::size_t per_track = both.series.size();
  for (std::size_t i = 0; i < per_track; ++i) {
    prom::Series canary = both.series[i];
    canary.labels.push_back({"track", "canary"});
    both.series[i].labels.push_back({"track", "baseline"});
    both.series.push_back(canary);
  }
  TableFetcher f;
  const std::string q =
      "sum by (le, track) (rate(h_bucket{ track=\"baseline\" } or h_bucket{ track=\"canary\" }))";
  f.table[q] = both;
  auto v = Judge(Input(c), f);
  ASSERT_TRUE(v) << v.error().ToString();
  EXPECT_EQ(f.asked, std::vector<std::string>{q});
  EXPECT_EQ(v->metrics[0].cls, Class::kPass) << v->metrics[0].reason;
  EXPECT_DOUBLE_EQ(v->metrics[0].n_canary, 100000);
  EXPECT_EQ(v->metrics[0].query_tracks, std::vector<std::string>{"both"});
}

TEST(CanaryJudge, WindowIsStepAlignedAndLooksSpendAlpha) {
  const Config c = MustParse("looks: 4\n" + std::string(kGauge));
  JudgeInput in = Input(c);
  in.end_s = kEnd + 59;
  in.look = 2;
  const auto q = PlanQueries(in);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].end_s, kEnd);
  EXPECT_EQ(q[0].start_s, kEnd - 1800);
  TableFetcher f;
  auto v = Judge(in, f);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->look, 2);
  EXPECT_LT(v->alpha_look, 0.05);
  EXPECT_GT(v->alpha_look, 0);
}

}  // namespace
}  // namespace gori::canary
