// `gori canary judge`: judges a canary against its baseline from Prometheus (canary/run.h).
// Exit 0 pass, 1 fail, 3 inconclusive, 4 marginal, 2 usage, config or Prometheus error.
// `gori canary serve`: the same judge over HTTP(S) for Argo Rollouts and Flagger (canary/serve.h).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "canary/run.h"
#include "canary/serve.h"
#include "commands.h"

namespace gori::app {
namespace {

// The Prometheus client's flags, shared by judge and serve.
struct PrometheusFlags {
  std::vector<std::string> headers;
  std::string timeout = "30s";
};

void AddPrometheusOptions(CLI::App* sub, prom::ClientOptions& p, PrometheusFlags& f) {
  sub->add_option("--prometheus", p.url, "Prometheus base URL (http:// or https://)")->required();
  sub->add_option("--bearer-token-file", p.bearer_token_file,
                  "send 'Authorization: Bearer' with this file's contents");
  sub->add_option("-H,--header", f.headers,
                  "extra request header 'Name: value' (repeatable), e.g. X-Scope-OrgID")
      ->allow_extra_args(false);
  sub->add_option("--cacert", p.ca_file, "https: CA bundle to verify Prometheus with");
  sub->add_option("--cert", p.cert_file, "https: client certificate (mutual TLS)");
  sub->add_option("--key", p.key_file, "https: client key (mutual TLS)");
  sub->add_flag("-k,--insecure", p.insecure_skip_verify,
                "https: do not verify Prometheus's certificate");
  sub->add_option("--timeout", f.timeout, "per-query timeout (default 30s)");
  sub->add_option("--max-response-bytes", p.max_response_bytes,
                  "refuse larger query responses (default 64 MiB)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 34));
}

// Moves --header and --timeout into `p`; false (after a message) on a bad one.
bool ResolvePrometheusFlags(const char* command, const PrometheusFlags& f, prom::ClientOptions& p) {
  for (const std::string& h : f.headers) {
    const auto colon = h.find(':');
    if (colon == std::string::npos || colon == 0) {
      std::fprintf(stderr, "%s: --header '%s' is not 'Name: value'\n", command, h.c_str());
      return false;
    }
    std::string value = h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    p.headers.emplace_back(h.substr(0, colon), value);
  }
  const auto ms = canary::ParseTimeoutMs(f.timeout);
  if (!ms) {
    std::fprintf(stderr, "%s: --timeout: %s\n", command, ms.error().message.c_str());
    return false;
  }
  p.timeout_ms = *ms;
  return true;
}

struct CanaryFlags {
  canary::JudgeOptions judge;
  PrometheusFlags prometheus;
  std::string output;
};

struct ServeFlags {
  canary::ServeOptions serve;
  PrometheusFlags prometheus;
};

int RunCanaryJudge(CanaryFlags& f) {
  if (!ResolvePrometheusFlags("gori canary judge", f.prometheus, f.judge.prometheus)) return 2;
  auto out = canary::RunJudge(f.judge);
  if (!out) {
    std::fprintf(stderr, "gori canary judge: %s\n", out.error().ToString().c_str());
    return 2;
  }
  if (f.output.empty() || f.output == "-") {
    std::fwrite(out->rendered.data(), 1, out->rendered.size(), stdout);
    std::fflush(stdout);
  } else if (!WriteTextFile(f.output, out->rendered)) {
    std::fprintf(stderr, "gori canary judge: cannot write %s\n", f.output.c_str());
    return 2;
  }
  return out->exit_code;
}

void RegisterCanaryServe(CLI::App* canary, CommandList& out) {
  auto flags = std::make_shared<ServeFlags>();
  auto& o = flags->serve;
  CLI::App* sub = canary->add_subcommand(
      "serve",
      "the judge over HTTP(S) for Argo Rollouts (Web provider) and Flagger (webhooks); stateless");
  sub->add_option("--listen", o.listen, "ADDR:PORT to listen on ([v6]:port for IPv6)")
      ->capture_default_str();
  sub->add_option("--tls-cert", o.cert_file, "PEM certificate chain (reloaded on change)");
  sub->add_option("--tls-key", o.key_file, "PEM private key (reloaded on change)");
  sub->add_option("--config", o.config_file, "canary config of requests that name none");
  sub->add_option("--config-dir", o.config_dir,
                  "directory of named configs: {\"config\": \"NAME\"} reads NAME.yaml there");
  AddPrometheusOptions(sub, o.prometheus, flags->prometheus);
  sub->add_option("--threads", o.threads, "worker threads (judgments at once)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  sub->add_option("--max-connections", o.max_connections,
                  "open connections before new ones get 503")
      ->capture_default_str();
  sub->add_option("--read-timeout", o.read_timeout,
                  "time for a TLS handshake or one whole request (408 after)")
      ->capture_default_str();
  sub->add_option("--idle-timeout", o.idle_timeout, "close idle keep-alive connections")
      ->capture_default_str();
  sub->add_option("--drain-delay", o.drain_delay,
                  "after SIGTERM: keep serving (not ready, Connection: close) this long")
      ->capture_default_str();
  sub->add_option("--drain-timeout", o.drain_timeout,
                  "then: give judgments in progress this long before exiting")
      ->capture_default_str();
  sub->footer(R"(Endpoints (see docs/canary.md):
  POST /v1/judge             Argo Rollouts Web provider: 200 + verdict JSON for every verdict
  POST /v1/flagger/rollout   Flagger rollout hook: 200 proceed, 412 fail, 409 held
  POST /v1/flagger/promote   Flagger confirm-promotion hook: 200 only on pass
  POST /v1/flagger/rollback  Flagger rollback hook: 200 (roll back) on a critical failure
  GET  /healthz /readyz /metrics
  Judge errors: 400 bad request, 500 broken server config, 502 Prometheus refused or answered
  garbage, 503 Prometheus unreachable or timed out.

Examples:
  gori canary serve --prometheus http://prometheus.monitoring:9090 --config /etc/gori/canary.yaml
  gori canary serve --listen 127.0.0.1:8080 --prometheus http://127.0.0.1:9090 \
      --config-dir /etc/gori/canary --tls-cert tls.crt --tls-key tls.key
  curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/v1/judge \
      -d '{"baseline": "track=\"baseline\"", "canary": "track=\"canary\"", "window": "10m"}'

Exit codes: 0 after a clean SIGTERM/SIGINT drain, 2 on usage or start-up errors.)");
  out.push_back({sub, [flags] {
                   if (!ResolvePrometheusFlags("gori canary serve", flags->prometheus,
                                               flags->serve.prometheus)) {
                     return 2;
                   }
                   return canary::Serve(flags->serve);
                 }});
}

}  // namespace

void RegisterCanary(CLI::App& app, CommandList& out) {
  CLI::App* canary = app.add_subcommand(
      "canary", "judge a canary against its baseline from Prometheus: pass, fail or inconclusive");
  canary->require_subcommand(1);
  auto flags = std::make_shared<CanaryFlags>();
  CLI::App* sub = canary->add_subcommand(
      "judge",
      "one judgment (exit 0 pass, 1 fail, 3 inconclusive, 4 marginal, 2 usage/config/Prometheus "
      "error)");
  sub->footer(
      "Examples:\n"
      "  gori canary judge --config canary.yaml --prometheus http://127.0.0.1:9090 \\\n"
      "      --baseline 'track=\"baseline\"' --canary 'track=\"canary\"'\n"
      "  gori canary judge --config canary.yaml --prometheus https://thanos.example:10902 \\\n"
      "      --bearer-token-file /var/run/secrets/token --header 'X-Scope-OrgID: payments' \\\n"
      "      --baseline 'app=\"pay\",rollouts_pod_template_hash=\"6d4f\"' \\\n"
      "      --canary 'app=\"pay\",rollouts_pod_template_hash=\"7c9b\"' \\\n"
      "      --window 10m --end 2026-12-05T14:00:00Z --format json -o verdict.json\n"
      "Config: metrics with kind latency-histogram | ratio | gauge | counter-rate, queries with\n"
      "  {{selector}}, direction, margin (10% | 0.1pp | 0.5); see docs/canary.md.");
  auto& j = flags->judge;
  sub->add_option("--config", j.config_path, "canary config (YAML)")->required();
  AddPrometheusOptions(sub, j.prometheus, flags->prometheus);
  sub->add_option("--baseline", j.baseline_selector,
                  "label matchers of the baseline track, e.g. 'track=\"baseline\"'")
      ->required();
  sub->add_option("--canary", j.canary_selector,
                  "label matchers of the canary track, e.g. 'track=\"canary\"'")
      ->required();
  sub->add_option("--window", j.window, "analysis window ending at --end (default: config, 30m)");
  sub->add_option("--end", j.end, "end of the window: RFC 3339 UTC or @EPOCH (default: now)");
  sub->add_option("--start", j.start,
                  "the canary's start: judge cumulatively from it (instead of --window)");
  sub->add_option("--look", j.look, "this judgment is look N of the config's planned looks")
      ->check(CLI::Range(1, 1000));
  sub->add_option("--format", j.format, "text, json or html (default text)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  sub->add_option("-o,--output", flags->output, "write the verdict to FILE instead of stdout");
  out.push_back({sub, [flags] { return RunCanaryJudge(*flags); }});
  RegisterCanaryServe(canary, out);
}

}  // namespace gori::app
