#include "webhook/metrics.h"

#include <fmt/format.h>

namespace gori::webhook {

Metrics::Metrics()
    : requests("gori_webhook_admission_requests_total",
               "Admission reviews answered, by operation, object kind and decision.",
               {"operation", "kind", "decision"}),
      findings("gori_webhook_findings_total", "Findings reported in admission reviews, by rule.",
               {"rule", "severity"}),
      errors("gori_webhook_errors_total",
             "Requests or connections that failed, by kind of failure.", {"kind"}),
      responses("gori_webhook_http_responses_total", "HTTP responses sent, by status code.",
                {"code"}) {}

void Metrics::OnResponse(int status) { responses.Add({fmt::format_int(status).c_str()}); }

void Metrics::Render(std::string& out) const {
  requests.Render(out);
  latency.Render(out, "gori_webhook_admission_duration_seconds",
                 "Time to answer one admission review (parse, evaluate, render).");
  findings.Render(out);
  errors.Render(out);
  responses.Render(out);
  auto gauge = [&](std::string_view name, std::string_view help, int64_t v) {
    http::AppendGauge(out, name, help, v);
  };
  auto counter = [&](std::string_view name, std::string_view help, uint64_t v) {
    http::AppendCounter(out, name, help, v);
  };
  gauge("gori_webhook_in_flight_requests", "Requests being handled right now.",
        in_flight.load(std::memory_order_relaxed));
  gauge("gori_webhook_open_connections", "Client connections open right now.",
        connections.load(std::memory_order_relaxed));
  counter("gori_webhook_tls_reloads_total", "Certificate reloads that took effect.",
          cert.reloads.load(std::memory_order_relaxed));
  counter("gori_webhook_tls_reload_failures_total",
          "Certificate reloads that failed (the previous certificate stays in use).",
          cert.reload_failures.load(std::memory_order_relaxed));
  gauge("gori_webhook_certificate_expiry_timestamp_seconds",
        "notAfter of the serving certificate, seconds since the epoch.",
        cert.not_after.load(std::memory_order_relaxed));
  gauge("gori_webhook_ready",
        "1 when ready to serve admission reviews, 0 while starting or "
        "draining.",
        ready.load(std::memory_order_relaxed));
}

}  // namespace gori::webhook
