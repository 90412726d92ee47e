// src/load/k8s_job.h
//
// `gori load --emit-k8s N -f scenario.yaml`: the manifests of a distributed run (see LOAD.md and
// examples/load/distributed-job.yaml) — a ServiceAccount without an API token, a ConfigMap
// holding the scenario file (and its CSV data file), and an Indexed Job of N pods, each one
// shard of the same schedule (`--shard $(GORI_SHARD)/N`, the shard from the Job's completion
// index), all starting on one wall-clock instant (`--start-at`), printing their result as their
// log (`--quiet --json=-`) for `gori load report` to merge. Pods run restricted (non-root,
// read-only root, no capabilities, RuntimeDefault seccomp), one per node. Pure formatting.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace gori::load {

struct JobSpec {
  int shards = 2;
  std::string name;              // DNS-1123 name of every object
  std::string namespace_;        // empty: none written (kubectl -n decides)
  std::string image;             // the gori image
  std::string start_at;          // the instant every shard starts, RFC 3339 UTC
  std::string scenario_yaml;     // the scenario file, verbatim
  std::string csv_name;          // the scenario's data.csv as written (a bare file name), or empty
  std::string csv_text;          // its content
  std::string cpu = "2";         // per shard: request (a generator wants whole cores)
  std::string memory = "256Mi";  // per shard: request and limit
};

// A warning when the scenario's target host is a loopback address (127.0.0.0/8, ::1,
// localhost): inside a pod that is the pod itself, not the service. Empty otherwise.
std::string LoopbackWarning(std::string_view host);

// A DNS-1123 label from a scenario name ("Checkout rehearsal" -> "checkout-rehearsal"); falls
// back to "gori-load".
std::string JobName(std::string_view scenario_name);

// The manifests as one YAML stream; fails on a spec that cannot work (no shards, a CSV path
// that would not resolve inside the pod).
Result<std::string> EmitJob(const JobSpec& spec);

}  // namespace gori::load
