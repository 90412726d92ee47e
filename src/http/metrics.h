// src/http/metrics.h
//
// The pieces every gori listener exports to Prometheus, in the text exposition format (version
// 0.0.4) written by our own code: counters keyed by label values, histograms with fixed bucket
// bounds, and the certificate counters of a TLS listener (CertWatcher). `gori webhook` and
// `gori canary serve` build their /metrics page from these.
// Counters keyed by labels live in a map guarded by one mutex for the lookup only; the counter
// itself is an atomic whose address never changes, so the hot path is one short lock and one
// relaxed add. Label sets are bounded (kMaxSeries per family); beyond that, new combinations are
// counted under the value "other" so a flood of odd kinds cannot grow memory without bound.
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gori::http {

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

// Durations in buckets whose upper bounds (seconds, ascending) are given once; the bounds must
// outlive the histogram (a static array).
class Histogram {
 public:
  explicit Histogram(std::span<const double> bounds_seconds);
  void Observe(int64_t micros);
  void Render(std::string& out, std::string_view name, std::string_view help) const;
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::span<const double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1 (the last is +Inf)
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_us_{0};
};

// What CertWatcher counts about the serving certificate.
struct CertMetrics {
  std::atomic<uint64_t> reloads{0};
  std::atomic<uint64_t> reload_failures{0};
  std::atomic<int64_t> not_after{0};  // seconds since the epoch
};

// "# HELP name help\n# TYPE name type\n".
void AppendMetricHeader(std::string& out, std::string_view name, std::string_view help,
                        std::string_view type);
// One unlabeled sample with its header.
void AppendGauge(std::string& out, std::string_view name, std::string_view help, int64_t v);
void AppendCounter(std::string& out, std::string_view name, std::string_view help, uint64_t v);

}  // namespace gori::http
