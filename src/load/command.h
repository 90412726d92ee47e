// src/load/command.h
//
// `gori load` as one library call. The command line gives CommandFlags (a flag not given is
// empty, so a scenario file's own setting stays); PlanRun merges them over the scenario and
// validates them together (one source of a run's settings: the scenario, then the flags), and
// RunCommand runs the plan, prints progress and the summary, writes --json/--html/--hlog and
// returns the exit code: 0 every threshold held, 99 a threshold failed or no request succeeded,
// 2 a usage or input error (printed as "gori load: MESSAGE").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "load/engine.h"
#include "load/scenario.h"
#include "load/threshold.h"

namespace gori::load {

struct CommandFlags {
  std::string url;   // the quick form's target, or empty
  std::string file;  // -f scenario.yaml, or empty
  std::optional<int> connections;
  std::optional<int> threads;
  std::optional<int> max_connections;
  std::optional<std::string> duration;
  std::optional<int64_t> requests;
  std::optional<std::string> rate;
  std::optional<std::string> stages;
  std::optional<std::string> arrivals;  // constant | poisson
  std::optional<std::string> timeout;
  std::optional<std::string> warmup;
  std::optional<std::string> shard;     // I/N
  std::optional<std::string> start_at;  // RFC 3339 UTC or @EPOCH
  std::optional<uint64_t> seed;
  bool drop_late = false;
  // The quick form's request; a scenario sets these per step.
  std::optional<std::string> method;
  std::vector<std::string> headers;
  std::optional<std::string> body;  // @FILE reads the file
  std::vector<std::string> thresholds;
  // Transport.
  std::string http = "auto";  // 2 | 1.1 | auto
  int streams = 0;
  std::string proto;
  std::vector<std::string> proto_paths;
  std::string protoset;
  std::string unix_socket;
  std::string connect_to;
  bool insecure = false;
  std::string cacert;
  // Outputs.
  std::string json;  // FILE, or "-" for stdout
  std::string html;
  std::string hlog;
  bool quiet = false;
  // --emit-k8s N: print the manifests of a distributed run instead of running.
  std::optional<int> emit_k8s;
  std::string image;  // the gori image the pods run (the command line defaults it)
  std::string k8s_namespace;
  std::string start_in = "2m";
};

// What a run will do, every flag applied and checked.
struct Plan {
  Scenario scenario;
  RunSettings settings;
  std::vector<Threshold> thresholds;  // the scenario's, then --threshold's
  std::optional<double> start_at;     // Unix seconds
  std::string target;                 // the URL or the scenario file, for reports
};

Result<Plan> PlanRun(const CommandFlags& flags);

// The manifests --emit-k8s prints (YAML); `warnings` receives what the user should know.
Result<std::string> EmitK8sManifests(const CommandFlags& flags, std::vector<std::string>& warnings);

int RunCommand(const CommandFlags& flags);

// `gori load report FILE...`: merges results of runs made together (load/merge.h), evaluates
// every run's thresholds and `thresholds` on the merged figures, prints the summary and writes
// `json`/`html` when given. Exit codes as RunCommand ("gori load report: MESSAGE" on errors).
int ReportCommand(const std::vector<std::string>& files, const std::vector<std::string>& thresholds,
                  const std::string& json, const std::string& html);

}  // namespace gori::load
