#include "http/metrics.h"

#include <fmt/format.h>

namespace gori::http {
namespace {

void AppendEscapedLabel(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

}  // namespace

void AppendMetricHeader(std::string& out, std::string_view name, std::string_view help,
                        std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void AppendGauge(std::string& out, std::string_view name, std::string_view help, int64_t v) {
  AppendMetricHeader(out, name, help, "gauge");
  fmt::format_to(std::back_inserter(out), "{} {}\n", name, v);
}

void AppendCounter(std::string& out, std::string_view name, std::string_view help, uint64_t v) {
  AppendMetricHeader(out, name, help, "counter");
  fmt::format_to(std::back_inserter(out), "{} {}\n", name, v);
}

LabeledCounter::LabeledCounter(std::string name, std::string help,
                               std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

void LabeledCounter::Add(std::initializer_list<std::string_view> label_values, uint64_t n) {
  std::atomic<uint64_t>* counter;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // The key is the label values joined by '\0' (a byte no label value here contains).
    key_scratch_.clear();
    for (std::string_view v : label_values) {
      key_scratch_.append(v);
      key_scratch_.push_back('\0');
    }
    auto it = series_.find(std::string_view(key_scratch_));
    if (it == series_.end()) {
      if (series_.size() >= kMaxSeries) {
        key_scratch_.clear();
        for (std::size_t i = 0; i < label_values.size(); ++i) key_scratch_.append("other\0", 6);
        it = series_.find(std::string_view(key_scratch_));
      }
      if (it == series_.end()) {
        it = series_.emplace(key_scratch_, std::make_unique<std::atomic<uint64_t>>(0)).first;
      }
    }
    counter = it->second.get();
  }
  counter->fetch_add(n, std::memory_order_relaxed);
}

uint64_t LabeledCounter::Get(std::initializer_list<std::string_view> label_values) const {
  std::string key;
  for (std::string_view v : label_values) {
    key.append(v);
    key.push_back('\0');
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = series_.find(std::string_view(key));
  return it == series_.end() ? 0 : it->second->load(std::memory_order_relaxed);
}

void LabeledCounter::Render(std::string& out) const {
  AppendMetricHeader(out, name_, help_, "counter");
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [key, value] : series_) {
    out += name_;
    out += '{';
    std::size_t start = 0;
    for (std::size_t i = 0; i < label_names_.size(); ++i) {
      std::size_t end = key.find('\0', start);
      if (i > 0) out += ',';
      out += label_names_[i];
      out += "=\"";
      AppendEscapedLabel(out, std::string_view(key).substr(start, end - start));
      out += '"';
      start = end + 1;
    }
    fmt::format_to(std::back_inserter(out), "}} {}\n", value->load(std::memory_order_relaxed));
  }
}

Histogram::Histogram(std::span<const double> bounds_seconds)
    : bounds_(bounds_seconds),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds_seconds.size() + 1)) {}

void Histogram::Observe(int64_t micros) {
  if (micros < 0) micros = 0;
  double seconds = static_cast<double>(micros) / 1e6;
  std::size_t i = 0;
  while (i < bounds_.size() && seconds > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_us_.fetch_add(static_cast<uint64_t>(micros), std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, std::string_view name, std::string_view help) const {
  AppendMetricHeader(out, name, help, "histogram");
  uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    fmt::format_to(std::back_inserter(out), "{}_bucket{{le=\"{}\"}} {}\n", name, bounds_[i],
                   cumulative);
  }
  cumulative += buckets_[bounds_.size()].load(std::memory_order_relaxed);
  fmt::format_to(std::back_inserter(out), "{}_bucket{{le=\"+Inf\"}} {}\n", name, cumulative);
  fmt::format_to(std::back_inserter(out), "{}_sum {}\n", name,
                 static_cast<double>(sum_us_.load(std::memory_order_relaxed)) / 1e6);
  fmt::format_to(std::back_inserter(out), "{}_count {}\n", name, cumulative);
}

}  // namespace gori::http
