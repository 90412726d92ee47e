// src/webhook/metrics.h
//
// The webhook's Prometheus metrics, kept in atomics and rendered in the text exposition format
// (version 0.0.4) with the pieces of http/metrics.h (bounded label sets, fixed buckets).
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/metrics.h"
#include "http/server.h"

namespace gori::webhook {

using http::LabeledCounter;

// Fixed buckets in seconds, 25 µs to 1 s: admission reviews are expected far below 1 ms.
class LatencyHistogram : public http::Histogram {
 public:
  static constexpr std::array<double, 14> kBounds = {0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
                                                     0.001,    0.0025,  0.005,  0.01,    0.025,
                                                     0.05,     0.1,     0.25,   1.0};
  LatencyHistogram() : http::Histogram(kBounds) {}
};

// Also what the HTTP server core reports to (errors, responses, in-flight, connections).
struct Metrics final : http::ServerObserver {
  Metrics();

  void OnError(std::string_view kind) override { errors.Add({kind}); }
  void OnResponse(int status) override;
  void OnRequestsInFlight(int delta) override {
    in_flight.fetch_add(delta, std::memory_order_relaxed);
  }
  void OnConnections(int delta) override {
    connections.fetch_add(delta, std::memory_order_relaxed);
  }

  LabeledCounter requests;   // operation, kind, decision
  LabeledCounter findings;   // rule, severity
  LabeledCounter errors;     // kind
  LabeledCounter responses;  // code
  LatencyHistogram latency;
  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> connections{0};
  http::CertMetrics cert;
  std::atomic<int> ready{0};

  // The whole exposition text.
  void Render(std::string& out) const;
};

}  // namespace gori::webhook
