#include "webhook/metrics.h"

#include <fmt/format.h>

namespace gori::webhook {
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

void Header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

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
  Header(out, name_, help_, "counter");
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

void LatencyHistogram::Observe(int64_t micros) {
  if (micros < 0) micros = 0;
  double seconds = static_cast<double>(micros) / 1e6;
  std::size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_us_.fetch_add(static_cast<uint64_t>(micros), std::memory_order_relaxed);
}

void LatencyHistogram::Render(std::string& out, std::string_view name,
                              std::string_view help) const {
  Header(out, name, help, "histogram");
  uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    fmt::format_to(std::back_inserter(out), "{}_bucket{{le=\"{}\"}} {}\n", name, kBounds[i],
                   cumulative);
  }
  cumulative += buckets_[kBounds.size()].load(std::memory_order_relaxed);
  fmt::format_to(std::back_inserter(out), "{}_bucket{{le=\"+Inf\"}} {}\n", name, cumulative);
  fmt::format_to(std::back_inserter(out), "{}_sum {}\n", name,
                 static_cast<double>(sum_us_.load(std::memory_order_relaxed)) / 1e6);
  fmt::format_to(std::back_inserter(out), "{}_count {}\n", name, cumulative);
}

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
    Header(out, name, help, "gauge");
    fmt::format_to(std::back_inserter(out), "{} {}\n", name, v);
  };
  auto counter = [&](std::string_view name, std::string_view help, uint64_t v) {
    Header(out, name, help, "counter");
    fmt::format_to(std::back_inserter(out), "{} {}\n", name, v);
  };
  gauge("gori_webhook_in_flight_requests", "Requests being handled right now.",
        in_flight.load(std::memory_order_relaxed));
  gauge("gori_webhook_open_connections", "Client connections open right now.",
        connections.load(std::memory_order_relaxed));
  counter("gori_webhook_tls_reloads_total", "Certificate reloads that took effect.",
          tls_reloads.load(std::memory_order_relaxed));
  counter("gori_webhook_tls_reload_failures_total",
          "Certificate reloads that failed (the previous certificate stays in use).",
          tls_reload_failures.load(std::memory_order_relaxed));
  gauge("gori_webhook_certificate_expiry_timestamp_seconds",
        "notAfter of the serving certificate, seconds since the epoch.",
        certificate_not_after.load(std::memory_order_relaxed));
  gauge("gori_webhook_ready",
        "1 when ready to serve admission reviews, 0 while starting or "
        "draining.",
        ready.load(std::memory_order_relaxed));
}

}  // namespace gori::webhook
