// src/webhook/serve.h
//
// `gori webhook` from start to exit: read the configuration (the guard's rules and the
// webhook's denyOn and exemptions), load the certificate, serve /validate, /healthz, /readyz and
// /metrics until SIGTERM or SIGINT, then drain (not ready and Connection: close for
// drain_delay, then stop accepting and give requests in progress drain_timeout). The
// certificate is reloaded when its files change. Progress goes to stderr, one line each.
#pragma once

#include <string>
#include <vector>

namespace gori::webhook {

struct ServeOptions {
  std::string listen = ":8443";
  std::string cert_file;
  std::string key_file;
  std::string config_file;
  // ValidatingAdmissionPolicy files or directories, after the configuration's `policies:`.
  std::vector<std::string> policies;
  std::string deny_on;  // empty: webhook.denyOn from --config, else high
  int threads = 0;
  int max_connections = 1024;
  std::string read_timeout = "10s";
  std::string idle_timeout = "120s";
  std::string drain_delay = "5s";
  std::string drain_timeout = "20s";
};

// Blocks SIGTERM and SIGINT in the calling thread (every worker inherits the mask). The exit
// code: 0 after a clean drain, 2 on a usage or start-up error.
int Serve(const ServeOptions& options);

}  // namespace gori::webhook
