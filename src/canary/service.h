// src/canary/service.h
//
// `gori canary serve`'s endpoints on http::Server. Stateless: every request names (or carries)
// its config and selectors and is judged from scratch, so controller retries are safe.
//   POST /v1/judge            Argo Rollouts' Web provider: 200 with the verdict JSON (the bytes of
//                             `gori canary judge --format json`) for EVERY verdict, fail included
//   POST /v1/flagger/rollout  Flagger `rollout` hook: 200 proceed (default: pass, marginal,
//                             inconclusive), 412 the verdict is fail, 409 another verdict that
//                             metadata.proceedOn leaves out
//   POST /v1/flagger/promote  Flagger `confirm-promotion` hook: the same with default proceedOn
//                             pass (promotion waits for evidence)
//   POST /v1/flagger/rollback Flagger `rollback` hook: 200 (roll back now) only when the verdict
//                             is fail because a critical metric failed, else 409
//   GET  /healthz /readyz /metrics
// When the judge cannot work the status says why, on every judging endpoint: 400 a bad request
// (body, config name, inline config, selectors, window), 415 not JSON, 500 the server's own
// config file is broken, 502 Prometheus refused a query or answered garbage, 503 Prometheus
// could not be reached or timed out. /v1/judge errors are JSON {"error": "...", "status": N};
// the Flagger hooks answer one text line (Flagger puts it into its events).
// One JudgeHandler per worker thread; a judgment runs on that thread (Prometheus round trips).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "canary/judge.h"
#include "canary/serve_metrics.h"
#include "canary/serve_request.h"
#include "http/server.h"
#include "prom/client.h"

namespace gori::canary {

// A Fetcher that can tell why its last fetch failed (prom::Client's failure kinds).
class ServeFetcher : public Fetcher {
 public:
  virtual prom::Failure last_failure() const = 0;
};
// Opens the fetcher of one judgment; an Error means Prometheus cannot be used at all (503).
using FetcherFactory = std::function<Result<std::unique_ptr<ServeFetcher>>()>;
FetcherFactory PrometheusFetchers(prom::ClientOptions options);

struct ServeSettings {
  std::string default_config;  // path; empty: requests must name a config or carry one
  std::string config_dir;      // holds NAME.yaml for {"config": "NAME"}; empty: names refused
};

// The HTTP status of a Flagger hook for a verdict (see the table above); `proceed_on` empty
// takes the hook's default.
enum class Hook { kRollout, kPromote, kRollback };
int FlaggerStatus(Hook hook, const Verdict& v, const std::vector<std::string>& proceed_on);

class JudgeHandler final : public http::HttpHandler {
 public:
  JudgeHandler(const ServeSettings& settings, FetcherFactory fetchers, ServeMetrics& metrics)
      : settings_(settings), fetchers_(std::move(fetchers)), metrics_(metrics) {}

  http::HttpResponse Handle(const http::Request& request) override;

 private:
  struct Outcome;
  Outcome JudgeOnce(const ServeRequest& request, std::string_view prefix);
  http::HttpResponse Judge(const http::Request& request);
  http::HttpResponse Flagger(const http::Request& request, Hook hook);

  const ServeSettings& settings_;
  FetcherFactory fetchers_;
  ServeMetrics& metrics_;
  std::string body_;
};

}  // namespace gori::canary
