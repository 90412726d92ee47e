#include "load/merge.h"

#include <string>

#include <gtest/gtest.h>

#include "load/engine.h"
#include "load/hdr_codec.h"
#include "load/report.h"

namespace gori::load {
namespace {

// A finished run as the engine leaves it: `seconds` seconds of `rate` responses, latencies
// `base`..`base + rate - 1` µs, and one 503 per second.
struct FakeRun {
  Scenario scenario;
  LoadOptions options;
  RunStats stats;

  FakeRun(int seconds, int rate, int64_t base) {
    scenario.name = "checkout";
    options.open = true;
    options.stages = {
        {seconds * 1'000'000'000LL, static_cast<double>(rate), static_cast<double>(rate)}};
    options.duration_ns = seconds * 1'000'000'000LL;
    options.connections = 4;
    options.max_connections = 8;
    options.threads = 1;
    stats.step_names = {"buy"};
    stats.steps.resize(1);
    for (int s = 0; s < seconds; ++s) {
      IntervalStats sec;
      sec.index = s;
      for (int i = 0; i < rate; ++i) {
        sec.latency.Record(base + i);
        sec.service.Record((base + i) / 2);
        sec.send_delay.Record(10);
        ++sec.requests;
        ++sec.status[i == 0 ? 503 : 200];
        stats.steps[0].latency.Record(base + i);
        stats.steps[0].service.Record((base + i) / 2);
        ++stats.steps[0].requests;
      }
      ++sec.errors;
      ++sec.errors_by_kind[static_cast<std::size_t>(ErrorKind::kStatus5xx)];
      ++stats.steps[0].errors;
      stats.total.Add(sec);
      IntervalRow row;
      row.second = s;
      row.requests = sec.requests;
      row.errors = sec.errors;
      row.target_rps = rate;
      row.p99_us = sec.latency.ValueAtPercentile(99);
      // What the engine writes: the second's histograms, encoded.
      row.latency_hdr = EncodeBase64Histogram(sec.latency);
      row.service_hdr = EncodeBase64Histogram(sec.service);
      stats.intervals.push_back(row);
    }
    stats.duration_s = seconds;
    stats.error_examples[static_cast<std::size_t>(ErrorKind::kStatus5xx)] =
        "step 'buy': status 503";
  }

  std::string Json(const std::vector<std::string>& exprs = {}) const {
    std::vector<Threshold> thresholds;
    for (const auto& e : exprs) thresholds.push_back(*ParseThreshold(e));
    auto results = Evaluate(thresholds, [&](const Metric& m) { return stats.Lookup(m); });
    ReportContext ctx{&scenario, &options, "http://127.0.0.1:8080/buy"};
    return FormatJson(ctx, stats, thresholds, results);
  }
};

TEST(ReadRunResult, ReadsBackWhatARunWrote) {
  FakeRun run(3, 100, 1000);
  auto r = ReadRunResult("a.json", run.Json({"latency.p99 < 50ms"}));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->target, "http://127.0.0.1:8080/buy");
  EXPECT_EQ(r->name, "checkout");
  EXPECT_TRUE(r->options.open);
  EXPECT_EQ(r->options.connections, 4);
  EXPECT_EQ(r->stats.total.requests, 300);
  EXPECT_EQ(r->stats.total.errors, 3);
  EXPECT_EQ(r->stats.total.status[503], 3);
  EXPECT_EQ(r->stats.total.errors_by_kind[static_cast<std::size_t>(ErrorKind::kStatus5xx)], 3);
  EXPECT_EQ(r->stats.total.latency.ValueAtPercentile(99),
            run.stats.total.latency.ValueAtPercentile(99));
  EXPECT_EQ(r->stats.step_names, std::vector<std::string>{"buy"});
  EXPECT_EQ(r->stats.steps[0].requests, 300);
  ASSERT_EQ(r->stats.intervals.size(), 3u);
  EXPECT_EQ(r->stats.intervals[2].requests, 100);
  EXPECT_EQ(r->thresholds, std::vector<std::string>{"latency.p99 < 50ms"});
  EXPECT_EQ(r->stats.error_examples[static_cast<std::size_t>(ErrorKind::kStatus5xx)],
            "step 'buy': status 503");
}

TEST(MergeRuns, AddsCountsAndHistogramsAndRecomputesPercentiles) {
  // Two machines: one fast (~1 ms), one slow (~50 ms) that ran a second longer.
  FakeRun fast(2, 100, 1000), slow(3, 100, 50'000);
  auto a = ReadRunResult("a.json", fast.Json({"latency.p99 < 10ms"}));
  auto b = ReadRunResult("b.json", slow.Json({"error_rate < 5%"}));
  ASSERT_TRUE(a && b);
  auto m = MergeRuns({*a, *b});
  ASSERT_TRUE(m) << m.error().ToString();
  const RunStats& s = m->stats;
  EXPECT_EQ(s.total.requests, 500);
  EXPECT_EQ(s.total.errors, 5);
  EXPECT_DOUBLE_EQ(s.duration_s, 3);
  EXPECT_EQ(s.steps[0].requests, 500);
  EXPECT_EQ(m->options.connections, 8);
  EXPECT_EQ(m->options.stages.size(), 1u);  // different lengths: the first run's stages
  // The merged p50 is the slow run's: 300 of 500 responses took >= 50 ms.
  EXPECT_GE(s.total.latency.ValueAtPercentile(50), 50'000);
  EXPECT_LT(s.total.latency.ValueAtPercentile(30), 2'000);
  ASSERT_EQ(s.intervals.size(), 3u);
  EXPECT_EQ(s.intervals[0].requests, 200);
  EXPECT_DOUBLE_EQ(s.intervals[0].target_rps, 200);
  EXPECT_EQ(s.intervals[2].requests, 100);
  EXPECT_GE(s.intervals[0].p90_us, 50'000);
  EXPECT_LT(s.intervals[0].p50_us, 2'000);  // half of second 0 came from the fast machine
  EXPECT_EQ(m->thresholds, (std::vector<std::string>{"latency.p99 < 10ms", "error_rate < 5%"}));
}

TEST(MergeRuns, SameStagesAddTheirRates) {
  FakeRun a(2, 100, 1000), b(2, 300, 1000);
  auto ra = ReadRunResult("a.json", a.Json());
  auto rb = ReadRunResult("b.json", b.Json());
  ASSERT_TRUE(ra && rb);
  auto m = MergeRuns({*ra, *rb});
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->options.stages[0].from_rps, 400);
  EXPECT_DOUBLE_EQ(m->stats.Rps(), 400);  // 800 responses in the same 2 s
}

TEST(MergeRuns, RefusesRunsThatDoNotBelongTogether) {
  FakeRun a(2, 100, 1000), b(2, 100, 1000);
  b.options.open = false;
  auto ra = ReadRunResult("a.json", a.Json());
  auto rb = ReadRunResult("b.json", b.Json());
  ASSERT_TRUE(ra && rb);
  EXPECT_EQ(MergeRuns({*ra, *rb}).error().message,
            "cannot merge an open-model run with a closed-loop run");
  FakeRun c(2, 100, 1000);
  c.stats.step_names = {"pay"};
  auto rc = ReadRunResult("c.json", c.Json());
  ASSERT_TRUE(rc);
  EXPECT_EQ(MergeRuns({*ra, *rc}).error().message,
            "cannot merge runs of different scenarios (their steps differ)");
  EXPECT_FALSE(MergeRuns({}));
}

TEST(MergeRuns, RefusesToCountRequestsTwiceAndWarnsAboutOtherSchedules) {
  FakeRun a(2, 100, 1000), b(2, 100, 1200);
  auto ra = ReadRunResult("a.json", a.Json());
  auto copy = ReadRunResult("copy.json", a.Json());
  ASSERT_TRUE(ra && copy);
  EXPECT_EQ(MergeRuns({*ra, *copy}).error().message,
            "a.json and copy.json hold the same result: a run merged with itself would count its "
            "requests twice");
  a.options.shard = 1;
  a.options.shards = 2;
  b.options.shard = 1;
  b.options.shards = 2;
  auto s1 = ReadRunResult("s1.json", a.Json());
  auto s1b = ReadRunResult("s1b.json", b.Json());
  ASSERT_TRUE(s1 && s1b);
  EXPECT_EQ(MergeRuns({*s1, *s1b}).error().message,
            "s1.json and s1b.json are both shard 1/2: the same shard twice would count its "
            "requests twice");
  b.options.shard = 2;
  b.options.shards = 3;
  auto s23 = ReadRunResult("s23.json", b.Json());
  ASSERT_TRUE(s23);
  EXPECT_EQ(MergeRuns({*s1, *s23}).error().message,
            "s1.json is shard 1/2 but s23.json is shard 2/3: shards of one run share their count");
  b.options.shard = 0;
  b.options.shards = 2;
  b.options.stages[0].from_rps = b.options.stages[0].to_rps = 50;
  auto s2 = ReadRunResult("s2.json", b.Json());
  ASSERT_TRUE(s2);
  EXPECT_EQ(MergeRuns({*s1, *s2}).error().message,
            "s1.json and s2.json ran different schedules: shards of one run carry the same "
            "schedule");
  b.options.shard = 0;
  b.options.shards = 1;
  a.options.shard = 0;
  a.options.shards = 1;
  // Independent runs' rates add up when their stages line up; these do not.
  b.options.stages[0].duration_ns = b.options.duration_ns = 3'000'000'000;
  auto x = ReadRunResult("x.json", a.Json());
  auto y = ReadRunResult("y.json", b.Json());
  ASSERT_TRUE(x && y);
  auto m = MergeRuns({*x, *y});
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->warnings,
            (std::vector<std::string>{"x.json and y.json ran different schedules: their target "
                                      "rates are not added, the merged schedule shown is "
                                      "x.json's"}));
}

TEST(MergeRuns, AWarmUpStaysOutOfTheMergedDurationInBothModels) {
  for (bool open : {true, false}) {
    FakeRun run(2, 50, 1000);
    run.options.open = open;
    if (!open) run.options.stages.clear();
    run.options.warmup_ns = 3'000'000'000;
    AddWarmup(run.options);  // as ResolveOptions leaves the options of a run
    auto r = ReadRunResult("w.json", run.Json());
    ASSERT_TRUE(r) << r.error().ToString();
    FakeRun other(2, 50, 1100);  // another run of the same test (the same one twice is refused)
    other.options = run.options;
    auto r2 = ReadRunResult("w2.json", other.Json());
    ASSERT_TRUE(r2) << r2.error().ToString();
    auto m = MergeRuns({*r, *r2});
    ASSERT_TRUE(m);
    FakeRun out(1, 1, 1);
    out.options = m->options;
    out.stats = m->stats;
    auto again = ReadRunResult("m.json", out.Json());
    ASSERT_TRUE(again) << again.error().ToString();
    EXPECT_EQ(again->options.duration_ns, run.options.duration_ns) << (open ? "open" : "closed");
    EXPECT_EQ(again->options.warmup_ns, 3'000'000'000);
    EXPECT_EQ(again->options.stages.size(), open ? 2u : 0u);
  }
}

TEST(ReadRunResult, BadFilesAreErrorsNamingTheFile) {
  auto broken = ReadRunResult("x.json", "{\n  \"target\": \n}");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().file, "x.json");
  EXPECT_EQ(broken.error().line, 3u);
  auto other = ReadRunResult("y.json", R"({"kind": "Pod"})");
  ASSERT_FALSE(other);
  // A missing field is reported at the object that lacks it, a wrong one where it is.
  EXPECT_EQ(other.error().ToString(),
            "y.json:1:1: not a gori load result: 'target' is not a string");
  FakeRun run(1, 10, 100);
  std::string json = run.Json();
  const std::string good = "\"latency\": \"";
  json.replace(json.rfind(good) + good.size(), 4, "!!!!");
  std::string status = run.Json();
  status.replace(status.find("\"200\":"), 6, "\"2x0\":");
  auto bad_status = ReadRunResult("s.json", status);
  ASSERT_FALSE(bad_status);
  EXPECT_EQ(bad_status.error().message, "not a gori load result: status code '2x0'");
  auto bad = ReadRunResult("z.json", json);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("histogram 'latency'"), std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace gori::load
