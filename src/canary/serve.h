// src/canary/serve.h
//
// `gori canary serve` from start to exit: check the Prometheus options and the default config,
// load the certificate (optional: plain HTTP without one), serve the endpoints of service.h
// until SIGTERM or SIGINT, then drain (http/lifecycle.h). The certificate is reloaded when its
// files change. Progress goes to stderr, one line each.
#pragma once

#include <string>

#include "prom/client.h"

namespace gori::canary {

struct ServeOptions {
  std::string listen = ":8080";
  std::string cert_file;  // both or neither
  std::string key_file;
  std::string config_file;  // default config of requests that name none
  std::string config_dir;   // NAME.yaml per named config
  prom::ClientOptions prometheus;
  int threads = 4;  // judgments wait on Prometheus, not on the CPU
  int max_connections = 256;
  std::string read_timeout = "10s";
  std::string idle_timeout = "120s";
  std::string drain_delay = "5s";
  std::string drain_timeout = "30s";
};

// Blocks SIGTERM and SIGINT in the calling thread (every worker inherits the mask). The exit
// code: 0 after a clean drain, 2 on a usage or start-up error.
int Serve(const ServeOptions& options);

}  // namespace gori::canary
