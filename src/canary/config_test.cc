#include "canary/config.h"

#include <gtest/gtest.h>

namespace gori::canary {
namespace {

// The config of the command's documentation, as written.
constexpr const char* kExample = R"(window: 30m            # default; --window overrides
step: 1m
alpha: 0.05
metrics:
  - name: latency
    kind: latency-histogram
    query: 'sum by (le) (rate(http_request_duration_seconds_bucket{ {{selector}} }[1m]))'
    direction: increase
    margin: 10%
  - name: errors
    kind: ratio
    numerator: 'sum(increase(http_requests_errors_total{ {{selector}} }[1m]))'
    denominator: 'sum(increase(http_requests_total{ {{selector}} }[1m]))'
    direction: increase
    margin: 0.1pp
    critical: true
)";

std::string ErrorOf(const std::string& yaml) {
  auto c = ParseConfig(yaml, "canary.yaml");
  return c ? "(no error)" : c.error().ToString();
}

TEST(CanaryConfig, DocumentedExampleLoadsWithItsMeaning) {
  auto c = ParseConfig(kExample, "canary.yaml");
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->window_s, 1800);
  EXPECT_EQ(c->step_s, 60);
  EXPECT_DOUBLE_EQ(c->alpha, 0.05);
  EXPECT_EQ(c->multiple, Multiple::kHolm);
  ASSERT_EQ(c->metrics.size(), 2u);
  const MetricConfig& lat = c->metrics[0];
  EXPECT_EQ(lat.kind, Kind::kLatencyHistogram);
  EXPECT_TRUE(lat.margin.relative);
  EXPECT_DOUBLE_EQ(lat.margin.value, 0.1);
  EXPECT_TRUE(lat.values_are_rates);
  EXPECT_EQ(lat.quantiles, (std::vector<double>{0.5, 0.9, 0.99}));
  EXPECT_EQ(lat.group, "latency");
  const MetricConfig& err = c->metrics[1];
  EXPECT_EQ(err.kind, Kind::kRatio);
  EXPECT_FALSE(err.margin.relative);
  EXPECT_DOUBLE_EQ(err.margin.value, 0.001);
  EXPECT_FALSE(err.values_are_rates);  // increase(...) gives counts per step
  EXPECT_TRUE(err.critical);
  EXPECT_EQ(c->digest.substr(0, 7), "sha256:");
  EXPECT_EQ(c->digest.size(), 7u + 64u);
}

TEST(CanaryConfig, SelectorIsSubstitutedEverywhere) {
  EXPECT_EQ(Substitute("a{ {{selector}} } / b{ {{selector}} }", "case=\"x\",track=\"canary\""),
            "a{ case=\"x\",track=\"canary\" } / b{ case=\"x\",track=\"canary\" }");
}

TEST(CanaryConfig, ErrorsCarryFileLineAndColumn) {
  EXPECT_EQ(ErrorOf("window: 30m\nmetricz: []\n"),
            "canary.yaml:2:1: unknown key 'metricz' in the canary config (allowed: window, step, "
            "alpha, multipleComparisons, minRequests, looks, alphaSpending, maxInconclusive, "
            "thresholds, groupWeights, metrics)");
  EXPECT_EQ(ErrorOf("window: 30q\nmetrics: []\n"),
            "canary.yaml:1:9: window: invalid duration '30q': unknown unit 'q' (use us, ms, s, m "
            "or h)");
  EXPECT_EQ(ErrorOf("alpha: 2\nmetrics: []\n"),
            "canary.yaml:1:8: alpha must be a number from 1e-06 to 0.5");
  EXPECT_EQ(ErrorOf("metrics:\n  - name: a\n    kind: gauge\n    query: up\n    margin: 1\n"),
            "canary.yaml:4:12: query must contain {{selector}} (replaced by the track's selector)");
  EXPECT_EQ(ErrorOf("metrics:\n  - name: a\n    kind: gauge\n    query: 'up{ {{selector}} }'\n"
                    "    margin: 0.1pp\n"),
            "canary.yaml:5:13: margin in percentage points (pp) is for ratio metrics only");
  EXPECT_EQ(ErrorOf("metrics:\n  - name: a\n    kind: gauge\n    query: 'up{ {{selector}} }'\n"
                    "    margin: ten\n"),
            "canary.yaml:5:13: margin 'ten' is not a non-negative number, percentage (10%) or "
            "percentage points (0.1pp)");
  EXPECT_EQ(ErrorOf("metrics:\n  - name: a\n    kind: histogram\n"),
            "canary.yaml:3:11: unknown kind 'histogram' (latency-histogram, ratio, gauge, "
            "counter-rate)");
  EXPECT_EQ(ErrorOf("metrics:\n  - {name: a, kind: gauge, query: 'x{ {{selector}} }', margin: 1}\n"
                    "  - {name: a, kind: gauge, query: 'x{ {{selector}} }', margin: 1}\n"),
            "canary.yaml:3:12: duplicate metric name 'a'");
  EXPECT_EQ(ErrorOf("metrics:\n  - {name: a, kind: gauge, query: 'x{ {{selector}} }'}\n"),
            "canary.yaml:2:5: metric 'a' needs a margin (e.g. 10% or 0.1pp): the smallest "
            "regression that matters");
  EXPECT_EQ(
      ErrorOf("groupWeights: {b: 50}\n"
              "metrics:\n  - {name: a, kind: gauge, query: 'x{ {{selector}} }', margin: 1}\n"),
      "canary.yaml:1:19: no metric is in group 'b'");
  EXPECT_EQ(ErrorOf("metrics: [\n"), ErrorOf("metrics: [\n"));
  EXPECT_NE(ErrorOf("metrics: [\n").find("canary.yaml:"), std::string::npos);
}

}  // namespace
}  // namespace gori::canary
