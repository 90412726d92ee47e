// `gori webhook`: the rule engine as a Kubernetes validating admission webhook over HTTPS.
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.h"
#include "net/event_loop.h"
#include "net/socket.h"
#include "net/tls.h"
#include "rules/config.h"
#include "rules/config_file.h"
#include "webhook/cert_watcher.h"
#include "webhook/config.h"
#include "webhook/engine_evaluator.h"
#include "webhook/metrics.h"
#include "webhook/server.h"
#include "webhook/service.h"

namespace gori::app {
namespace {

struct WebhookFlags {
  std::string listen = ":8443";
  std::string cert_file;
  std::string key_file;
  std::string config_file;
  std::string deny_on;  // empty: webhook.denyOn from --config, else high
  int threads = 0;
  int max_connections = 1024;
  std::string read_timeout = "10s";
  std::string idle_timeout = "120s";
  std::string drain_delay = "5s";
  std::string drain_timeout = "20s";
};

// "250ms", "10s", "2m" -> microseconds.
Result<int64_t> ParseDuration(std::string_view text, std::string_view flag) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  int64_t scale = unit == "us"   ? 1
                  : unit == "ms" ? 1000
                  : unit == "s"  ? 1'000'000
                  : unit == "m"  ? 60'000'000
                                 : 0;
  if (ec != std::errc() || end == text.data() || scale == 0 || value < 0) {
    return Fail(fmt::format("{}: invalid duration '{}' (want e.g. 500ms, 10s, 2m)", flag, text));
  }
  return value * scale;
}

void Log(const std::string& line) { std::fprintf(stderr, "gori webhook: %s\n", line.c_str()); }

// Waits up to `timeout_us` for SIGTERM or SIGINT (blocked in every thread); true when one came.
bool WaitForSignal(const sigset_t& set, int64_t timeout_us) {
  timespec ts{static_cast<time_t>(timeout_us / 1'000'000),
              static_cast<long>((timeout_us % 1'000'000) * 1000)};
  int sig = sigtimedwait(&set, nullptr, &ts);
  return sig == SIGTERM || sig == SIGINT;
}

void CheckCertificate(webhook::CertWatcher& watcher) {
  std::string error;
  if (watcher.Check(error)) {
    Log("certificate reloaded");
  } else if (!error.empty()) {
    Log("certificate reload failed, keeping the previous one: " + error);
  }
}

int RunWebhook(const WebhookFlags& f) {
  webhook::ReviewPolicy policy;
  if (!f.config_file.empty()) {
    if (auto st = webhook::LoadWebhookConfig(f.config_file, policy); !st) {
      Log(st.error().ToString());
      return 2;
    }
  }
  if (!f.deny_on.empty()) {
    auto sev = rules::ParseSeverity(f.deny_on);
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
  webhook::ServerOptions options;
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
    auto d = ParseDuration(*text, flag);
    if (!d) {
      Log(d.error().message);
      return 2;
    }
    *out = *d;
  }
  auto tls = net::TlsServerContext::Create(f.cert_file, f.key_file);
  if (!tls) {
    Log(tls.error().message);
    return 2;
  }
  options.tls = *tls;

  rules::Config rules_config;
  if (!f.config_file.empty()) {
    if (auto st = rules::LoadConfigFile(f.config_file, rules_config); !st) {
      Log(st.error().ToString());
      return 2;
    }
  }
  webhook::EngineEvaluator evaluator(rules_config);
  webhook::Metrics metrics;
  webhook::CertWatcher watcher(f.cert_file, f.key_file, *tls, &metrics);

  // Signals are taken synchronously by this thread; workers inherit the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = webhook::Server::Start(
      options,
      [&] { return std::make_unique<webhook::WebhookHandler>(evaluator, policy, metrics); },
      &metrics);
  if (!server) {
    Log(server.error().message);
    return 2;
  }
  metrics.ready = 1;
  Log(fmt::format("listening on https://{} ({} threads, {} rules, deny on {})",
                  (*server)->address().ToString(), options.threads, evaluator.active_rules(),
                  rules::SeverityName(policy.deny_on)));

  while (!WaitForSignal(signals, 1'000'000)) CheckCertificate(watcher);

  metrics.ready = 0;
  Log(fmt::format("draining: not ready, answering with Connection: close for {} ms",
                  drain_delay_us / 1000));
  (*server)->BeginDrain();
  // A second signal cuts the delay short.
  WaitForSignal(signals, drain_delay_us);
  (*server)->StopAccepting();
  Log("stopped accepting; finishing requests in progress");
  (*server)->Wait(drain_timeout_us);
  Log("stopped");
  return 0;
}

}  // namespace

void RegisterWebhook(CLI::App& app, CommandList& out) {
  auto flags = std::make_shared<WebhookFlags>();
  CLI::App* sub = app.add_subcommand(
      "webhook", "Serve the rules as a Kubernetes validating admission webhook (HTTPS)");
  sub->add_option("--listen", flags->listen, "ADDR:PORT to listen on ([v6]:port for IPv6)")
      ->capture_default_str();
  sub->add_option("--tls-cert", flags->cert_file, "PEM certificate chain (reloaded on change)")
      ->required();
  sub->add_option("--tls-key", flags->key_file, "PEM private key (reloaded on change)")->required();
  sub->add_option("--config", flags->config_file,
                  "gori configuration file (rules, parameters, and webhook: denyOn, exempt "
                  "namespaces/users/groups)");
  sub->add_option("--deny-on", flags->deny_on,
                  "deny at or above this severity: critical, high, medium, low, info "
                  "(default: webhook.denyOn from --config, else high)");
  sub->add_option("--threads", flags->threads, "worker threads (default: one per CPU)");
  sub->add_option("--max-connections", flags->max_connections,
                  "open connections before new ones get 503")
      ->capture_default_str();
  sub->add_option("--read-timeout", flags->read_timeout,
                  "time for a TLS handshake or one whole request (408 after)")
      ->capture_default_str();
  sub->add_option("--idle-timeout", flags->idle_timeout, "close idle keep-alive connections")
      ->capture_default_str();
  sub->add_option("--drain-delay", flags->drain_delay,
                  "after SIGTERM: keep serving (not ready, Connection: close) this long")
      ->capture_default_str();
  sub->add_option("--drain-timeout", flags->drain_timeout,
                  "then: give requests in progress this long before exiting")
      ->capture_default_str();
  sub->footer(R"(Endpoints: POST /validate (AdmissionReview v1), GET /healthz, /readyz, /metrics.

Examples:
  gori webhook --tls-cert /tls/tls.crt --tls-key /tls/tls.key
  gori webhook --listen 127.0.0.1:8443 --tls-cert tls.crt --tls-key tls.key --deny-on critical
  gori webhook --tls-cert tls.crt --tls-key tls.key --config gori.yaml --threads 2

Exit codes: 0 after a clean SIGTERM/SIGINT drain, 2 on usage or start-up errors.)");
  out.push_back({sub, [flags] { return RunWebhook(*flags); }});
}

}  // namespace gori::app
