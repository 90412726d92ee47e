#include "canary/serve_metrics.h"

#include <fmt/format.h>

namespace gori::canary {

ServeMetrics::ServeMetrics()
    : judgments("gori_canary_judgments_total",
                "Judgments answered, by endpoint (judge, rollout, promote, rollback) and verdict.",
                {"endpoint", "verdict"}),
      prometheus_errors("gori_canary_prometheus_errors_total",
                        "Judgments that failed because of Prometheus, by kind (unreachable, "
                        "timeout, rejected, bad_response).",
                        {"kind"}),
      errors("gori_canary_errors_total",
             "Requests or connections that failed otherwise, by kind of failure.", {"kind"}),
      responses("gori_canary_http_responses_total", "HTTP responses sent, by status code.",
                {"code"}) {}

void ServeMetrics::OnResponse(int status) { responses.Add({fmt::format_int(status).c_str()}); }

void ServeMetrics::Render(std::string& out) const {
  judgments.Render(out);
  duration.Render(out, "gori_canary_judge_duration_seconds",
                  "Time to judge one request (config, Prometheus queries, statistics, JSON).");
  prometheus_errors.Render(out);
  errors.Render(out);
  responses.Render(out);
  http::AppendGauge(out, "gori_canary_in_flight_requests", "Requests being handled right now.",
                    in_flight.load(std::memory_order_relaxed));
  http::AppendGauge(out, "gori_canary_open_connections", "Client connections open right now.",
                    connections.load(std::memory_order_relaxed));
  http::AppendCounter(out, "gori_canary_tls_reloads_total", "Certificate reloads that took effect.",
                      cert.reloads.load(std::memory_order_relaxed));
  http::AppendCounter(out, "gori_canary_tls_reload_failures_total",
                      "Certificate reloads that failed (the previous certificate stays in use).",
                      cert.reload_failures.load(std::memory_order_relaxed));
  http::AppendGauge(out, "gori_canary_ready",
                    "1 when ready to judge, 0 while starting or draining.",
                    ready.load(std::memory_order_relaxed));
}

}  // namespace gori::canary
