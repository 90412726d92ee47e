// src/webhook/metrics.h
//
// The webhook's Prometheus metrics, kept in atomics and rendered in the text exposition format
// (version 0.0.4) by our own writer. Counters keyed by labels (operation/kind/decision, rule,
// error kind) live in maps guarded by one mutex for the lookup only; the counter itself is an
// atomic whose address never changes, so the hot path is one short lock and one relaxed add.
// Label sets are bounded (kMaxSeries per family); beyond that, new combinations are counted
// under the value "other" so a flood of odd kinds cannot grow memory without bound.
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

#include "http/server.h"

namespace gori::webhook {

class LabeledCounter {
 public:
  LabeledCounter(std::string name, std::string help, std::vector<std::string> label_names);
  void Add(std::initializer_list<std::string_view> label_values, uint64_t n = 1);
  uint64_t Get(std::initializer_list<std::string_view> label_values) const;
  void Render(std::string& out) const;

  static constexpr std::size_t kMaxSeries = 2000;

 private:
  std::string name_, help_;
  std::vector<std::string> label_names_;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<std::atomic<uint64_t>>, std::less<>> series_;
  std::string key_scratch_;
};

// Fixed buckets in seconds, 25 µs to 1 s: admission reviews are expected far below 1 ms.
class LatencyHistogram {
 public:
  static constexpr std::array<double, 14> kBounds = {0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
                                                     0.001,    0.0025,  0.005,  0.01,    0.025,
                                                     0.05,     0.1,     0.25,   1.0};
  void Observe(int64_t micros);
  void Render(std::string& out, std::string_view name, std::string_view help) const;
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_us_{0};
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
  std::atomic<uint64_t> tls_reloads{0};
  std::atomic<uint64_t> tls_reload_failures{0};
  std::atomic<int64_t> certificate_not_after{0};
  std::atomic<int> ready{0};

  // The whole exposition text.
  void Render(std::string& out) const;
};

}  // namespace gori::webhook
