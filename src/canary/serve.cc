#include "canary/serve.h"

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <tuple>

#include <fmt/format.h>

#include "base/duration.h"
#include "canary/config.h"
#include "canary/service.h"
#include "http/cert_watcher.h"
#include "http/lifecycle.h"
#include "http/server.h"
#include "net/socket.h"
#include "net/tls.h"

namespace gori::canary {
namespace {

void Log(const std::string& line) { std::fprintf(stderr, "gori canary serve: %s\n", line.c_str()); }

}  // namespace

int Serve(const ServeOptions& f) {
  auto address = net::SocketAddress::Parse(f.listen);
  if (!address) {
    Log("--listen: " + address.error().message);
    return 2;
  }
  http::ServerOptions options;
  options.listen = *address;
  options.threads = f.threads > 0 ? f.threads : 1;
  options.max_connections = f.max_connections;
  options.limits.max_body_bytes = 1 << 20;  // a request with an inline config is a few KiB
  http::DrainOptions drain;
  for (auto [text, flag, out] :
       {std::tuple{&f.read_timeout, "--read-timeout", &options.read_timeout_us},
        std::tuple{&f.idle_timeout, "--idle-timeout", &options.idle_timeout_us},
        std::tuple{&f.drain_delay, "--drain-delay", &drain.drain_delay_us},
        std::tuple{&f.drain_timeout, "--drain-timeout", &drain.drain_timeout_us}}) {
    auto ns = ParseDuration(*text);
    if (!ns) {
      Log(fmt::format("{}: {}", flag, ns.error().message));
      return 2;
    }
    *out = *ns / 1000;
  }
  if (f.cert_file.empty() != f.key_file.empty()) {
    Log("--tls-cert and --tls-key go together");
    return 2;
  }
  // Bad Prometheus options (URL, token file, TLS material) stop the start; whether Prometheus
  // answers is every request's own business (503 while it does not).
  if (auto client = prom::Client::Create(f.prometheus); !client) {
    Log(client.error().ToString());
    return 2;
  }
  if (!f.config_file.empty()) {
    if (auto c = LoadConfigFile(f.config_file); !c) {
      Log(c.error().ToString());
      return 2;
    }
  }
  if (!f.config_dir.empty()) {
    struct stat st {};
    if (stat(f.config_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      Log("--config-dir: " + f.config_dir + " is not a directory");
      return 2;
    }
  }
  std::unique_ptr<http::CertWatcher> watcher;
  ServeMetrics metrics;
  if (!f.cert_file.empty()) {
    auto tls = net::TlsServerContext::Create(f.cert_file, f.key_file);
    if (!tls) {
      Log(tls.error().message);
      return 2;
    }
    options.tls = *tls;
    watcher = std::make_unique<http::CertWatcher>(f.cert_file, f.key_file, *tls, &metrics.cert);
  }
  const ServeSettings settings{.default_config = f.config_file, .config_dir = f.config_dir};
  const FetcherFactory fetchers = PrometheusFetchers(f.prometheus);

  http::BlockTerminationSignals();
  auto server = http::Server::Start(
      options, [&] { return std::make_unique<JudgeHandler>(settings, fetchers, metrics); },
      &metrics);
  if (!server) {
    Log(server.error().message);
    return 2;
  }
  metrics.ready = 1;
  Log(fmt::format("listening on {}://{} ({} threads, Prometheus {})",
                  options.tls ? "https" : "http", (*server)->address().ToString(), options.threads,
                  f.prometheus.url));
  http::ServeUntilSignal(
      **server, metrics.ready, drain,
      [&] {
        if (watcher) watcher->CheckAndLog(Log);
      },
      Log);
  return 0;
}

}  // namespace gori::canary
