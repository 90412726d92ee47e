// src/canary/serve_metrics.h
//
// What `gori canary serve` exports on /metrics (Prometheus text format, http/metrics.h): the
// judge's own decisions by endpoint and verdict, how long judgments take, why Prometheus failed
// it, bad requests, HTTP responses by code, the server core's errors, connections, requests in
// flight, certificate reloads and readiness. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/metrics.h"
#include "http/server.h"

namespace gori::canary {

// Judgments take one Prometheus round trip per query: 5 ms to a minute.
class JudgeHistogram : public http::Histogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                     0.5,   1,    2.5,   5,    10,  30};
  JudgeHistogram() : http::Histogram(kBounds) {}
};

struct ServeMetrics final : http::ServerObserver {
  ServeMetrics();

  void OnError(std::string_view kind) override { errors.Add({kind}); }
  void OnResponse(int status) override;
  void OnRequestsInFlight(int delta) override {
    in_flight.fetch_add(delta, std::memory_order_relaxed);
  }
  void OnConnections(int delta) override {
    connections.fetch_add(delta, std::memory_order_relaxed);
  }

  http::LabeledCounter judgments;          // endpoint, verdict
  http::LabeledCounter prometheus_errors;  // kind (prom::FailureName)
  http::LabeledCounter errors;             // kind: bad_request, config, server core errors
  http::LabeledCounter responses;          // code
  JudgeHistogram duration;
  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> connections{0};
  http::CertMetrics cert;
  std::atomic<int> ready{0};

  void Render(std::string& out) const;
};

}  // namespace gori::canary
