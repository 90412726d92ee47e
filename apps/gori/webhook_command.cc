// `gori webhook`: flags, then webhook::Serve (the guard pipeline as a validating admission
// webhook over HTTPS).
#include <memory>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "webhook/serve.h"

namespace gori::app {

void RegisterWebhook(CLI::App& app, CommandList& out) {
  auto flags = std::make_shared<webhook::ServeOptions>();
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
  sub->add_option("--policies", flags->policies,
                  "ValidatingAdmissionPolicy, binding and param files or directories "
                  "(repeatable), evaluated on CREATE and UPDATE like gori check does")
      ->type_name("PATH")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
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
  gori webhook --tls-cert tls.crt --tls-key tls.key --policies policies/

Exit codes: 0 after a clean SIGTERM/SIGINT drain, 2 on usage or start-up errors.)");
  out.push_back({sub, [flags] { return webhook::Serve(*flags); }});
}

}  // namespace gori::app
