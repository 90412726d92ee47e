// src/load/options.h
//
// How a load test runs, whether it came from the quick command-line form or a scenario file:
// workload model (closed: N connections each sending when the previous response ends; open: a
// fixed arrival schedule), bounds, limits and reporting. Zero means "not set" where noted so
// the command line can override a scenario field by field. Plain data.
#pragma once

#include <cstdint>
#include <vector>

#include "load/schedule.h"
#include "load/units.h"

namespace gori::load {

struct LoadOptions {
  bool open = false;          // open model (rate or stages) vs closed
  std::vector<Stage> stages;  // open model arrival rate
  Arrivals arrivals = Arrivals::kConstant;
  int connections = 0;        // 0 = 10; closed: the connections; open: opened at start
  int max_connections = 0;    // open model ceiling; 0 = max(connections, 256)
  int threads = 0;            // 0 = cores, at most the connections
  int64_t duration_ns = 0;    // 0 = from the stages, or 10 s unless `requests` is set
  int64_t requests = 0;       // 0 = unbounded by count (iterations for scenarios)
  int64_t timeout_ns = 0;     // per request; 0 = 10 s
  int64_t late_slack_ns = 0;  // a send later than this after its intended start is late;
                              // 0 = 1 ms
  bool drop_late = false;     // drop late arrivals instead of sending them late
  // Whole seconds run before the measured run and left out of every result (connections
  // opened, TLS handshakes done, server caches warm), like wrk2's calibration. Open model: at
  // the first stage's starting rate. Not with `requests`.
  int64_t warmup_ns = 0;
  // Distributed runs: this process is shard `shard` of `shards` processes running the same test
  // from the same instant (see --start-at). Open model: it sends the arrivals shard,
  // shard + shards, ... of the global schedule; closed model: its share of a request budget.
  // Connections and threads are this process's own.
  int shard = 0;
  int shards = 1;
  uint64_t seed = 0;  // 0 = from the clock
};

}  // namespace gori::load
