#include "load/html_report.h"

#include <regex>
#include <string>

#include <gtest/gtest.h>

namespace gori::load {
namespace {

std::size_t Count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

struct Fixture {
  Scenario scenario;
  LoadOptions options;
  RunStats stats;
  std::vector<Threshold> thresholds;
  std::vector<ThresholdResult> results;
  ReportContext ctx;

  Fixture() {
    scenario.name = "checkout <beta>";
    options.open = true;
    options.stages = {{5'000'000'000, 100, 100}};
    options.connections = 4;
    options.max_connections = 16;
    options.threads = 1;
    for (int s = 0; s < 5; ++s) {
      IntervalStats sec;
      sec.index = s;
      for (int i = 0; i < 100; ++i) {
        const int64_t v = s == 3 ? 900'000 : 1'000 + 10 * i;  // second 3 stalls
        sec.latency.Record(v);
        sec.service.Record(v / 2);
        sec.send_delay.Record(20);
        ++sec.requests;
        ++sec.status[200];
      }
      if (s == 4) {
        ++sec.errors;
        ++sec.errors_by_kind[static_cast<std::size_t>(ErrorKind::kTimeout)];
      }
      stats.total.Add(sec);
      IntervalRow row;
      row.second = s;
      row.requests = sec.requests;
      row.errors = sec.errors;
      row.target_rps = 100;
      row.p50_us = sec.latency.ValueAtPercentile(50);
      row.p90_us = sec.latency.ValueAtPercentile(90);
      row.p99_us = sec.latency.ValueAtPercentile(99);
      row.max_us = sec.latency.Max();
      stats.intervals.push_back(row);
    }
    stats.duration_s = 5;
    stats.error_examples[static_cast<std::size_t>(ErrorKind::kTimeout)] =
        "no response within 10s from <api> & co";
    thresholds.push_back(*ParseThreshold("latency.p99 < 100ms"));
    results = Evaluate(thresholds, [&](const Metric& m) { return stats.Lookup(m); });
    ctx.scenario = &scenario;
    ctx.options = &options;
    ctx.target = "http://127.0.0.1:8080/pay?a=1&b=<2>";
  }
};

TEST(HtmlReport, SelfContainedPageWithThreePlotsAndEscapedText) {
  Fixture f;
  const std::string html = FormatHtml(f.ctx, f.stats, f.thresholds, f.results);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  // Nothing to fetch: no scripts, no external references.
  EXPECT_EQ(Count(html, "<script"), 0u);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)=)")));
  EXPECT_EQ(Count(html, "<svg "), 3u);
  // Latency over time: p50, p90, p99, max with one point per second.
  EXPECT_EQ(Count(html, "<polyline class=\"s4\""), 1u);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(html, m, std::regex("<polyline class=\"s3\" points=\"([^\"]*)\"")));
  EXPECT_EQ(Count(m[1].str(), ","), 5u);
  // Target rate dashed line in the open model, and the percentile plot in nines.
  EXPECT_NE(html.find("<polyline class=\"s6\""), std::string::npos);
  EXPECT_NE(html.find(">99.9%</text>"), std::string::npos);
  // Run text is escaped everywhere.
  EXPECT_NE(html.find("pay?a=1&amp;b=&lt;2&gt; (checkout &lt;beta&gt;)"), std::string::npos);
  EXPECT_NE(html.find("no response within 10s from &lt;api&gt; &amp; co"), std::string::npos);
  EXPECT_EQ(html.find("<beta>"), std::string::npos);
  EXPECT_EQ(html.find("<api>"), std::string::npos);
  // The stall's second makes the threshold fail, and the page says so.
  EXPECT_NE(html.find("class=\"verdict failed\">A threshold failed"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"l\">latency.p99 &lt; 100ms</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"l\">timeout</td><td>1</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"l\">200</td><td>500</td>"), std::string::npos);
}

TEST(HtmlReport, ClosedLoopRunsSayWhatTheirLatencyHides) {
  Fixture f;
  f.options.open = false;
  f.thresholds.clear();
  f.results.clear();
  const std::string html = FormatHtml(f.ctx, f.stats, f.thresholds, f.results);
  EXPECT_NE(html.find("closed-loop"), std::string::npos);
  EXPECT_NE(html.find("so latency hides server stalls"), std::string::npos);
  EXPECT_EQ(html.find("class=\"verdict"), std::string::npos);         // no thresholds, no verdict
  EXPECT_EQ(html.find("<polyline class=\"s6\""), std::string::npos);  // no target rate
}

TEST(HtmlReport, EmptyRunStillRendersAxes) {
  Fixture f;
  f.stats = RunStats();
  f.results.clear();
  f.thresholds.clear();
  const std::string html = FormatHtml(f.ctx, f.stats, f.thresholds, f.results);
  EXPECT_EQ(Count(html, "<svg "), 3u);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"([ ,"=](-?nan|-?inf)[ ,"])")));
}

}  // namespace
}  // namespace gori::load
