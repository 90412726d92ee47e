// `gori canary judge`: judges a canary against its baseline from Prometheus (canary/run.h).
// Exit 0 pass, 1 fail, 3 inconclusive, 4 marginal, 2 usage, config or Prometheus error.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "canary/run.h"
#include "commands.h"

namespace gori::app {
namespace {

struct CanaryFlags {
  canary::JudgeOptions judge;
  std::vector<std::string> headers;
  std::string timeout = "30s";
  std::string output;
};

int RunCanaryJudge(CanaryFlags& f) {
  for (const std::string& h : f.headers) {
    const auto colon = h.find(':');
    if (colon == std::string::npos || colon == 0) {
      std::fprintf(stderr, "gori canary judge: --header '%s' is not 'Name: value'\n", h.c_str());
      return 2;
    }
    std::string value = h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    f.judge.prometheus.headers.emplace_back(h.substr(0, colon), value);
  }
  const auto ms = canary::ParseTimeoutMs(f.timeout);
  if (!ms) {
    std::fprintf(stderr, "gori canary judge: --timeout: %s\n", ms.error().message.c_str());
    return 2;
  }
  f.judge.prometheus.timeout_ms = *ms;
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
  sub->add_option("--prometheus", j.prometheus.url, "Prometheus base URL (http:// or https://)")
      ->required();
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
  sub->add_option("--bearer-token-file", j.prometheus.bearer_token_file,
                  "send 'Authorization: Bearer' with this file's contents");
  sub->add_option("-H,--header", flags->headers,
                  "extra request header 'Name: value' (repeatable), e.g. X-Scope-OrgID")
      ->allow_extra_args(false);
  sub->add_option("--cacert", j.prometheus.ca_file, "https: CA bundle to verify Prometheus with");
  sub->add_option("--cert", j.prometheus.cert_file, "https: client certificate (mutual TLS)");
  sub->add_option("--key", j.prometheus.key_file, "https: client key (mutual TLS)");
  sub->add_flag("-k,--insecure", j.prometheus.insecure_skip_verify,
                "https: do not verify Prometheus's certificate");
  sub->add_option("--timeout", flags->timeout, "per-query timeout (default 30s)");
  sub->add_option("--max-response-bytes", j.prometheus.max_response_bytes,
                  "refuse larger query responses (default 64 MiB)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 34));
  out.push_back({sub, [flags] { return RunCanaryJudge(*flags); }});
}

}  // namespace gori::app
