#include "load/threshold.h"

#include <gtest/gtest.h>

namespace gori::load {
namespace {

TEST(ParseThreshold, LatencyPercentilesWithUnits) {
  auto t = ParseThreshold("latency.p99 < 250ms");
  ASSERT_TRUE(t.has_value()) << t.error().message;
  EXPECT_EQ(t->metric.kind, MetricKind::kLatency);
  EXPECT_EQ(t->metric.stat, Stat::kPercentile);
  EXPECT_EQ(t->metric.percentile, 99);
  EXPECT_EQ(t->op, Op::kLess);
  EXPECT_EQ(t->value, 250'000);

  auto st = ParseThreshold("service_time.p99.9<=1.5s");
  ASSERT_TRUE(st.has_value()) << st.error().message;
  EXPECT_EQ(st->metric.kind, MetricKind::kServiceTime);
  EXPECT_EQ(st->metric.percentile, 99.9);
  EXPECT_EQ(st->op, Op::kLessEqual);
  EXPECT_EQ(st->value, 1'500'000);
  EXPECT_EQ(st->expr, "service_time.p99.9<=1.5s");

  auto max = ParseThreshold("  latency.max > 80us ");
  ASSERT_TRUE(max.has_value());
  EXPECT_EQ(max->metric.stat, Stat::kMax);
  EXPECT_EQ(max->op, Op::kGreater);
  EXPECT_EQ(max->value, 80);
  EXPECT_EQ(max->expr, "latency.max > 80us");
}

TEST(ParseThreshold, StepsRatesAndCounters) {
  auto step = ParseThreshold("step.approve.latency.p95 < 150ms");
  ASSERT_TRUE(step.has_value()) << step.error().message;
  EXPECT_EQ(step->metric.step, "approve");
  EXPECT_EQ(step->metric.percentile, 95);
  EXPECT_EQ(step->value, 150'000);

  auto er = ParseThreshold("error_rate < 0.1%");
  ASSERT_TRUE(er.has_value());
  EXPECT_EQ(er->metric.kind, MetricKind::kErrorRate);
  EXPECT_DOUBLE_EQ(er->value, 0.001);
  EXPECT_DOUBLE_EQ(ParseThreshold("error_rate <= 0.02")->value, 0.02);

  auto rps = ParseThreshold("rps >= 950.5");
  ASSERT_TRUE(rps.has_value());
  EXPECT_EQ(rps->metric.kind, MetricKind::kRps);
  EXPECT_EQ(rps->op, Op::kGreaterEqual);
  EXPECT_EQ(rps->value, 950.5);

  auto late = ParseThreshold("late == 0");
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->metric.kind, MetricKind::kLate);
  EXPECT_EQ(late->op, Op::kEqual);
  EXPECT_EQ(ParseThreshold("dropped < 10")->metric.kind, MetricKind::kDropped);
  auto g = ParseThreshold("grpc_status{code=\"UNAVAILABLE\"} < 0.1%");
  ASSERT_TRUE(g.has_value()) << g.error().message;
  EXPECT_EQ(g->metric.kind, MetricKind::kGrpcStatus);
  EXPECT_EQ(g->metric.grpc_code, "UNAVAILABLE");
  EXPECT_DOUBLE_EQ(g->value, 0.001);
  auto g2 = ParseThreshold("grpc_status.OK >= 99%");
  ASSERT_TRUE(g2.has_value());
  EXPECT_EQ(g2->metric.grpc_code, "OK");
  EXPECT_EQ(g2->op, Op::kGreaterEqual);
  EXPECT_EQ(ParseThreshold("grpc_status.NOPE < 1%").error().message,
            "invalid threshold 'grpc_status.NOPE < 1%': unknown gRPC status 'NOPE' (use OK, "
            "CANCELLED, ..., UNAUTHENTICATED)");
}

TEST(ParseThreshold, UsageErrorsQuoteTheExpression) {
  EXPECT_EQ(ParseThreshold("latency.p99 250ms").error().message,
            "invalid threshold 'latency.p99 250ms': expected METRIC OP VALUE with OP one of < <= > "
            ">= ==");
  EXPECT_EQ(ParseThreshold("latency.p99 < 250").error().message,
            "invalid threshold 'latency.p99 < 250': a time needs a unit (us, ms, s)");
  EXPECT_EQ(ParseThreshold("latency.p99 < 2min").error().message,
            "invalid threshold 'latency.p99 < 2min': unknown time unit 'min' (use us, ms, s)");
  EXPECT_EQ(ParseThreshold("latency.p0 < 1s").error().message,
            "invalid threshold 'latency.p0 < 1s': percentile must be above 0 and at most 100");
  EXPECT_EQ(ParseThreshold("latency.p101 < 1s").error().message,
            "invalid threshold 'latency.p101 < 1s': percentile must be above 0 and at most 100");
  EXPECT_EQ(ParseThreshold("throughput > 5").error().message,
            "invalid threshold 'throughput > 5': unknown metric 'throughput' (use latency.pNN, "
            "latency.max, service_time.pNN, error_rate, rps, late, dropped, "
            "step.NAME.latency.pNN, grpc_status.CODE)");
  EXPECT_EQ(ParseThreshold("step.latency.p99 < 1s").error().message,
            "invalid threshold 'step.latency.p99 < 1s': unknown metric 'step.latency.p99' (use "
            "latency.pNN, latency.max, service_time.pNN, error_rate, rps, late, dropped, "
            "step.NAME.latency.pNN, grpc_status.CODE)");
  EXPECT_EQ(ParseThreshold("step.x < 1s").error().message,
            "invalid threshold 'step.x < 1s': expected step.NAME.latency.pNN");
  EXPECT_EQ(ParseThreshold("error_rate < much").error().message,
            "invalid threshold 'error_rate < much': error_rate takes a percentage (0.1%) or a "
            "fraction (0.001)");
  EXPECT_EQ(ParseThreshold("error_rate < 150%").error().message,
            "invalid threshold 'error_rate < 150%': error_rate cannot exceed 100%");
  EXPECT_EQ(ParseThreshold("late < 0.5").error().message,
            "invalid threshold 'late < 0.5': late is a count");
  EXPECT_EQ(ParseThreshold("rps > lots").error().message,
            "invalid threshold 'rps > lots': 'lots' is not a number");
}

TEST(EvaluateThresholds, ComparesMeasuredValuesWithEveryOperator) {
  std::vector<Threshold> ts;
  for (const char* e : {"latency.p99 < 250ms", "latency.p99 <= 200ms", "rps > 100", "late == 0",
                        "error_rate >= 1%", "step.nope.latency.p50 < 1s"}) {
    ts.push_back(*ParseThreshold(e));
  }
  auto results = Evaluate(ts, [](const Metric& m) -> std::optional<double> {
    if (!m.step.empty()) return std::nullopt;
    switch (m.kind) {
      case MetricKind::kLatency:
        return 200'000.0;
      case MetricKind::kRps:
        return 100.0;
      case MetricKind::kLate:
        return 0.0;
      case MetricKind::kErrorRate:
        return 0.01;
      default:
        return std::nullopt;
    }
  });
  ASSERT_EQ(results.size(), 6u);
  EXPECT_TRUE(results[0].ok);
  EXPECT_TRUE(results[1].ok);
  EXPECT_FALSE(results[2].ok);
  EXPECT_TRUE(results[3].ok);
  EXPECT_TRUE(results[4].ok);
  EXPECT_FALSE(results[5].ok);
  EXPECT_FALSE(results[5].known);
  EXPECT_EQ(results[0].value, 200'000.0);
}

TEST(FormatMetricValue, UsesReadableUnits) {
  Metric lat;
  EXPECT_EQ(FormatMetricValue(lat, 1'250'000), "1.25s");
  EXPECT_EQ(FormatMetricValue(lat, 15'300), "15.3ms");
  EXPECT_EQ(FormatMetricValue(lat, 87), "87us");
  Metric er;
  er.kind = MetricKind::kErrorRate;
  EXPECT_EQ(FormatMetricValue(er, 0.0012), "0.12%");
}

}  // namespace
}  // namespace gori::load
