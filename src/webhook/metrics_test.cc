#include "webhook/metrics.h"

#include <gtest/gtest.h>

namespace gori::webhook {
namespace {

TEST(Metrics, CountersRenderInPrometheusTextFormat) {
  LabeledCounter c("gori_x_total", "Things.", {"a", "b"});
  c.Add({"one", "t\"w\\o\n"});
  c.Add({"one", "t\"w\\o\n"}, 2);
  std::string out;
  c.Render(out);
  EXPECT_EQ(out,
            "# HELP gori_x_total Things.\n# TYPE gori_x_total counter\n"
            "gori_x_total{a=\"one\",b=\"t\\\"w\\\\o\\n\"} 3\n");
}

TEST(Metrics, SeriesAreBounded) {
  LabeledCounter c("gori_y_total", "Y.", {"kind"});
  for (std::size_t i = 0; i < LabeledCounter::kMaxSeries + 10; ++i) c.Add({std::to_string(i)});
  EXPECT_EQ(c.Get({"other"}), 10u);
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  LatencyHistogram h;
  h.Observe(20);         // <= 25 us
  h.Observe(80);         // <= 100 us
  h.Observe(5'000'000);  // > 1 s
  std::string out;
  h.Render(out, "gori_h_seconds", "H.");
  EXPECT_NE(out.find("gori_h_seconds_bucket{le=\"2.5e-05\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("gori_h_seconds_bucket{le=\"0.0001\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("gori_h_seconds_bucket{le=\"1\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("gori_h_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(out.find("gori_h_seconds_sum 5.0001\n"), std::string::npos) << out;
  EXPECT_NE(out.find("gori_h_seconds_count 3\n"), std::string::npos);
}

TEST(Metrics, WholeExpositionHasEveryFamily) {
  Metrics m;
  m.requests.Add({"CREATE", "Pod", "denied"});
  m.ready = 1;
  std::string out;
  m.Render(out);
  for (const char* family :
       {"gori_webhook_admission_requests_total{operation=\"CREATE\",kind=\"Pod\",decision="
        "\"denied\"} 1",
        "# TYPE gori_webhook_admission_duration_seconds histogram",
        "# TYPE gori_webhook_findings_total counter", "# TYPE gori_webhook_errors_total counter",
        "gori_webhook_in_flight_requests 0", "gori_webhook_open_connections 0",
        "gori_webhook_tls_reloads_total 0", "gori_webhook_ready 1"}) {
    EXPECT_NE(out.find(family), std::string::npos) << family;
  }
}

}  // namespace
}  // namespace gori::webhook
