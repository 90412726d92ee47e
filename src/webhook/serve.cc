#include "webhook/serve.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "base/duration.h"
#include "guard/guard.h"
#include "http/cert_watcher.h"
#include "http/lifecycle.h"
#include "http/server.h"
#include "net/socket.h"
#include "net/tls.h"
#include "webhook/config.h"
#include "webhook/engine_evaluator.h"
#include "webhook/metrics.h"
#include "webhook/service.h"

namespace gori::webhook {
namespace {

// A duration flag in microseconds (gori's one duration grammar).
Result<int64_t> DurationUs(std::string_view text, std::string_view flag) {
  auto ns = ParseDuration(text);
  if (!ns) return Fail(fmt::format("{}: {}", flag, ns.error().message));
  return *ns / 1000;
}

void Log(const std::string& line) { std::fprintf(stderr, "gori webhook: %s\n", line.c_str()); }

}  // namespace

int Serve(const ServeOptions& f) {
  ReviewPolicy policy;
  if (!f.config_file.empty()) {
    if (auto st = LoadWebhookConfig(f.config_file, policy); !st) {
      Log(st.error().ToString());
      return 2;
    }
  }
  if (!f.deny_on.empty()) {
    auto sev = ParseSeverity(f.deny_on);
    if (!sev) {
      Log("--deny-on: " + sev.error().message);
      return 2;
    }
    policy.deny_on = *sev;
  }
  auto address = net::SocketAddress::Parse(f.listen);
  if (!address) {
    Log("--listen: " + address.error().message);
    return 2;
  }
  http::ServerOptions options;
  options.listen = *address;
  options.threads = f.threads > 0
                        ? f.threads
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.max_connections = f.max_connections;
  int64_t drain_delay_us = 0, drain_timeout_us = 0;
  for (auto [text, flag, out] :
       {std::tuple{&f.read_timeout, "--read-timeout", &options.read_timeout_us},
        std::tuple{&f.idle_timeout, "--idle-timeout", &options.idle_timeout_us},
        std::tuple{&f.drain_delay, "--drain-delay", &drain_delay_us},
        std::tuple{&f.drain_timeout, "--drain-timeout", &drain_timeout_us}}) {
    auto d = DurationUs(*text, flag);
    if (!d) {
      Log(d.error().message);
      return 2;
    }
    *out = *d;
  }
  auto tls = net::TlsServerContext::Create(f.cert_file, f.key_file, /*offer_h2=*/true);
  if (!tls) {
    Log(tls.error().message);
    return 2;
  }
  options.tls = *tls;

  auto pipeline = guard::Guard::Create({.config_file = f.config_file, .policies = f.policies});
  if (!pipeline) {
    Log(pipeline.error().ToString());
    return 2;
  }
  // A policy that does not load would silently not be enforced: refuse to start.
  if (!(*pipeline)->policy_errors().empty()) {
    for (const Error& e : (*pipeline)->policy_errors()) Log(e.ToString());
    return 2;
  }
  for (const Error& note : (*pipeline)->policies().notes()) Log("note: " + note.ToString());
  EngineEvaluator evaluator(**pipeline);
  Metrics metrics;
  http::CertWatcher watcher(f.cert_file, f.key_file, *tls, &metrics.cert);

  // Signals are taken synchronously by this thread; workers inherit the blocked mask.
  http::BlockTerminationSignals();

  auto server = http::Server::Start(
      options, [&] { return std::make_unique<WebhookHandler>(evaluator, policy, metrics); },
      &metrics);
  if (!server) {
    Log(server.error().message);
    return 2;
  }
  metrics.ready = 1;
  Log(fmt::format("listening on https://{} ({} threads, {} rules, deny on {})",
                  (*server)->address().ToString(), options.threads, evaluator.active_rules(),
                  SeverityName(policy.deny_on)));

  http::ServeUntilSignal(
      **server, metrics.ready,
      {.drain_delay_us = drain_delay_us, .drain_timeout_us = drain_timeout_us},
      [&] { watcher.CheckAndLog(Log); }, Log);
  return 0;
}

}  // namespace gori::webhook
