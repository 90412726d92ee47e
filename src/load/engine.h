// src/load/engine.h
//
// Runs a load test: one Worker thread per `threads` with its own epoll loop and connections
// (Client), HTTP/1.1 over TCP or TLS (src/net transports, src/http response parser).
//
// Open model: the arrival schedule (schedule.h) fixes the intended start of every iteration for
// the whole run; worker w serves arrivals w, w+T, ... A due arrival goes to any idle connection
// of the worker, or opens a new one up to max_connections; if none is free it waits in a queue
// (its latency grows; sent more than late_slack after its intended start it counts as `late`),
// or with drop_late it is dropped and counted. Latency is measured from the intended start,
// service time from the moment the request was actually sent. Closed model: every connection
// sends its next iteration when the previous one ends (latency is then closed-loop).
//
// Each worker records into its own per-second IntervalStats and hands each finished second to
// the calling thread, which merges them (lossless) into RunStats and calls hooks.on_second;
// returning false aborts the run. Nothing is stored per request. Run blocks until the run
// ends: duration or request budget reached, in-flight requests answered or timed out.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "load/options.h"
#include "load/scenario.h"
#include "load/stats.h"

namespace gori::load {

enum class HttpVersion : uint8_t {
  kAuto,  // https: h2 when the server offers it by ALPN, else HTTP/1.1; http: HTTP/1.1
  k1,     // HTTP/1.1 only
  k2,     // HTTP/2 only: prior knowledge on plain connections, ALPN h2 demanded over TLS
};

struct RunSettings {
  LoadOptions load;         // resolved: see ResolveOptions
  bool tls_verify = false;  // https targets: verify the certificate (CA file or system)
  std::string tls_ca_file;
  HttpVersion http = HttpVersion::kAuto;  // h2c:// and grpc:// URLs are HTTP/2 whatever this says
  int streams = 0;                        // HTTP/2 streams per connection; 0 = 1
  std::string unix_socket;                // connect here instead of the URL's host and port
  std::string connect_to;                 // "host:port" to connect to instead of the URL's
  // gRPC (grpc:// and grpcs:// URLs): the method's description, one of the two.
  std::string proto_file;
  std::vector<std::string> proto_paths;  // import paths for proto_file
  std::string protoset_file;
};

// Fills every zero ("not set") field of `o` with its default: 10 connections, threads = cores
// (at most the connections), max_connections = max(connections, 256), duration from the
// stages or 10 s (or long enough for `requests` at the rate), timeout 10 s, late slack 1 ms.
// Fails when the combination makes no sense (an open model without a rate).
Result<LoadOptions> ResolveOptions(LoadOptions o);

// Puts `o.warmup_ns` in front of the measured run: the run lasts that much longer and, in the
// open model, starts with a stage at the first stage's starting rate. ResolveOptions applies
// it, and so do results read back for merging, so reports see the same options either way.
void AddWarmup(LoadOptions& o);

struct RunHooks {
  // Called on the calling thread once per finished second with the run so far and the second
  // just merged; `in_flight` is the number of requests on the wire. false aborts the run.
  // Seconds count from the end of the warm-up.
  std::function<bool(const RunStats& so_far, const IntervalStats& second, int64_t in_flight)>
      on_second;
  // Called instead of on_second for each second of the warm-up (`second.index` from 0).
  std::function<void(const IntervalStats& second, int64_t in_flight)> on_warmup_second;
};

Result<RunStats> Run(const Scenario& scenario, const RunSettings& settings,
                     const RunHooks& hooks = {});

}  // namespace gori::load
