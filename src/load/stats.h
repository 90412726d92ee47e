// src/load/stats.h
//
// What a load test measures. Workers record into IntervalStats (one per second per worker, no
// locks: each worker owns its own) and hand each finished interval to the main thread, which
// merges them into RunStats losslessly (HDR histograms add element-wise). Per-step totals are
// kept by each worker for the whole run and merged at the end. Nothing here grows with the
// number of requests. Thread-compatible.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/hdr_histogram.h"
#include "load/threshold.h"

namespace gori::load {

enum class ErrorKind : uint8_t {
  kConnect,      // could not connect (refused, unreachable, TLS handshake failed)
  kReset,        // the connection broke (reset) while a request was in flight
  kClosed,       // the server closed the connection before the response was complete
  kTimeout,      // no complete response within the timeout
  kProtocol,     // the response was not valid HTTP/1.1
  kStatus4xx,    // 4xx status not accepted by the step's check
  kStatus5xx,    // 5xx status not accepted by the step's check
  kStatus,       // another status the step's check does not accept
  kCheck,        // a JSON check failed or an extraction found nothing
  kRefused,      // HTTP/2: not processed (RST_STREAM REFUSED_STREAM, or above GOAWAY's last id)
  kStreamReset,  // HTTP/2: the server reset the stream with another code
  kGrpc,         // gRPC: a status other than OK (grpc_status counts them by name)
};
inline constexpr std::size_t kErrorKinds = 12;
inline constexpr std::size_t kGrpcCodes = 17;  // OK .. UNAUTHENTICATED
std::string_view ErrorKindName(ErrorKind k);   // "connect", "reset", ..., "status_5xx", "check"
// gRPC status codes by their upper-case names: "OK" .. "UNAUTHENTICATED"; GrpcCodeIndex gives
// kGrpcCodes for a name it does not know.
std::string_view GrpcCodeName(std::size_t code);
std::size_t GrpcCodeIndex(std::string_view name);

struct StepStats {
  HdrHistogram latency;
  HdrHistogram service;
  int64_t requests = 0;  // responses received
  int64_t errors = 0;

  void Add(const StepStats& o);
};

// One second (or the final partial second) of one worker, or the merge of several.
struct IntervalStats {
  int64_t index = 0;  // seconds since the start
  HdrHistogram latency;
  HdrHistogram service;
  HdrHistogram send_delay;  // actual send - intended start (open model): scheduling error
  int64_t requests = 0;     // responses received (any status)
  int64_t errors = 0;
  int64_t late = 0;
  int64_t dropped = 0;
  int64_t iterations = 0;
  int64_t unfinished = 0;  // in flight when the run ended (not errors, not answered)
  std::array<int64_t, kErrorKinds> errors_by_kind{};
  std::array<int64_t, 600> status{};
  std::array<int64_t, kGrpcCodes> grpc_status{};  // gRPC responses by status code

  void Add(const IntervalStats& o);
  void Reset(int64_t new_index);
};

// One row of the per-second series.
struct IntervalRow {
  int64_t second = 0;
  int64_t requests = 0;
  int64_t errors = 0;
  double target_rps = 0;
  int64_t p50_us = 0, p90_us = 0, p99_us = 0, max_us = 0;
  int64_t service_p99_us = 0;
  // The second's histograms, base64 compressed V2 (a few hundred bytes each; a whole HDR
  // histogram per second would not stay small), so runs can be merged second by second.
  std::string latency_hdr;
  std::string service_hdr;
};

struct RunStats {
  IntervalStats total;
  HdrHistogram iteration;  // whole-iteration latency (multi-step scenarios)
  std::vector<std::string> step_names;
  std::vector<StepStats> steps;
  std::vector<IntervalRow> intervals;
  double duration_s = 0;
  bool aborted = false;                                 // stopped early (abort_on_fail)
  std::array<std::string, kErrorKinds> error_examples;  // first message of each kind
  std::string protocol;  // "http/1.1", "h2" (TLS) or "h2c"; empty when nothing connected
  bool grpc = false;     // a gRPC run: grpc_status is reported

  // Responses per second over the whole measured time (an average, not a second's count).
  double Rps() const {
    return duration_s > 0 ? static_cast<double>(total.requests) / duration_s : 0;
  }
  // How much of second `r.second` the run lasted: 1 except for a last, partial second, whose
  // count is not extrapolated into a rate.
  double SecondLength(const IntervalRow& r) const {
    return std::clamp(duration_s - static_cast<double>(r.second), 0.0, 1.0);
  }
  bool IsPartialSecond(const IntervalRow& r) const { return SecondLength(r) < 0.999; }
  // Attempts that did not end in an error; a run where this is 0 failed whatever its thresholds.
  int64_t Succeeded() const;
  // errors / (responses + requests that failed without a response).
  double ErrorRate() const;
  std::optional<double> Lookup(const Metric& m) const;
};

}  // namespace gori::load
