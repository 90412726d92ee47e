#include "load/stats.h"

#include "load/grpc/method.h"

namespace gori::load {

std::string_view ErrorKindName(ErrorKind k) {
  switch (k) {
    case ErrorKind::kConnect:
      return "connect";
    case ErrorKind::kReset:
      return "reset";
    case ErrorKind::kClosed:
      return "closed";
    case ErrorKind::kTimeout:
      return "timeout";
    case ErrorKind::kProtocol:
      return "protocol";
    case ErrorKind::kStatus4xx:
      return "status_4xx";
    case ErrorKind::kStatus5xx:
      return "status_5xx";
    case ErrorKind::kStatus:
      return "status";
    case ErrorKind::kCheck:
      return "check";
    case ErrorKind::kRefused:
      return "refused";
    case ErrorKind::kStreamReset:
      return "stream_reset";
    case ErrorKind::kGrpc:
      return "grpc";
  }
  return "unknown";
}

std::string_view GrpcCodeName(std::size_t code) { return grpc::StatusName(static_cast<int>(code)); }

std::size_t GrpcCodeIndex(std::string_view name) {
  for (std::size_t i = 0; i < kGrpcCodes; ++i) {
    if (grpc::StatusName(static_cast<int>(i)) == name) return i;
  }
  return kGrpcCodes;
}

void StepStats::Add(const StepStats& o) {
  (void)latency.Add(o.latency);
  (void)service.Add(o.service);
  requests += o.requests;
  errors += o.errors;
}

void IntervalStats::Add(const IntervalStats& o) {
  (void)latency.Add(o.latency);
  (void)service.Add(o.service);
  (void)send_delay.Add(o.send_delay);
  requests += o.requests;
  errors += o.errors;
  late += o.late;
  dropped += o.dropped;
  iterations += o.iterations;
  unfinished += o.unfinished;
  for (std::size_t i = 0; i < errors_by_kind.size(); ++i) errors_by_kind[i] += o.errors_by_kind[i];
  for (std::size_t i = 0; i < status.size(); ++i) status[i] += o.status[i];
  for (std::size_t i = 0; i < grpc_status.size(); ++i) grpc_status[i] += o.grpc_status[i];
}

void IntervalStats::Reset(int64_t new_index) {
  index = new_index;
  latency.Reset();
  service.Reset();
  send_delay.Reset();
  requests = errors = late = dropped = iterations = unfinished = 0;
  errors_by_kind.fill(0);
  status.fill(0);
  grpc_status.fill(0);
}

namespace {

// Errors with a response are among `requests`; the others (connect, reset, closed, timeout)
// are attempts that never got one.
int64_t Attempts(const IntervalStats& total) {
  int64_t without_response = 0;
  for (ErrorKind k : {ErrorKind::kConnect, ErrorKind::kReset, ErrorKind::kClosed,
                      ErrorKind::kTimeout, ErrorKind::kProtocol}) {
    without_response += total.errors_by_kind[static_cast<std::size_t>(k)];
  }
  return total.requests + without_response;
}

}  // namespace

int64_t RunStats::Succeeded() const { return std::max<int64_t>(0, Attempts(total) - total.errors); }

double RunStats::ErrorRate() const {
  const int64_t attempts = Attempts(total);
  return attempts == 0 ? 0.0 : static_cast<double>(total.errors) / static_cast<double>(attempts);
}

namespace {
std::optional<double> TimeStat(const HdrHistogram& h, const Metric& m) {
  switch (m.stat) {
    case Stat::kPercentile:
      return static_cast<double>(h.ValueAtPercentile(m.percentile));
    case Stat::kMin:
      return static_cast<double>(h.Min());
    case Stat::kMax:
      return static_cast<double>(h.Max());
    case Stat::kMean:
      return h.Mean();
  }
  return std::nullopt;
}
}  // namespace

std::optional<double> RunStats::Lookup(const Metric& m) const {
  if (!m.step.empty()) {
    for (std::size_t i = 0; i < step_names.size() && i < steps.size(); ++i) {
      if (step_names[i] == m.step) {
        return TimeStat(m.kind == MetricKind::kLatency ? steps[i].latency : steps[i].service, m);
      }
    }
    return std::nullopt;
  }
  switch (m.kind) {
    case MetricKind::kLatency:
      return TimeStat(total.latency, m);
    case MetricKind::kServiceTime:
      return TimeStat(total.service, m);
    case MetricKind::kErrorRate:
      return ErrorRate();
    case MetricKind::kRps:
      return Rps();
    case MetricKind::kLate:
      return static_cast<double>(total.late);
    case MetricKind::kDropped:
      return static_cast<double>(total.dropped);
    case MetricKind::kGrpcStatus: {
      int64_t all = 0;
      for (int64_t n : total.grpc_status) all += n;
      const std::size_t code = GrpcCodeIndex(m.grpc_code);
      if (code == kGrpcCodes) return std::nullopt;
      return all == 0 ? 0.0
                      : static_cast<double>(total.grpc_status[code]) / static_cast<double>(all);
    }
  }
  return std::nullopt;
}

}  // namespace gori::load
