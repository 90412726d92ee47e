// src/webhook/service.h
//
// The webhook's HTTP endpoints on top of http::Server:
//   POST /validate  AdmissionReview v1 in, AdmissionReview v1 out (Reviewer)
//   GET  /healthz   200 while the process serves at all (liveness)
//   GET  /readyz    200 once rules and certificate are loaded, 503 before that and while draining
//   GET  /metrics   Prometheus text format
// Anything else: 404, or 405 with Allow for a known path and the wrong method; /validate with a
// body that is not JSON (by Content-Type) gets 415.
// One WebhookHandler per worker thread.
#pragma once

#include <string>

#include "http/server.h"
#include "webhook/metrics.h"
#include "webhook/reviewer.h"

namespace gori::webhook {

class WebhookHandler final : public http::HttpHandler {
 public:
  WebhookHandler(const Evaluator& evaluator, const ReviewPolicy& policy, Metrics& metrics)
      : reviewer_(evaluator, policy, &metrics), metrics_(metrics) {}

  http::HttpResponse Handle(const http::Request& request) override;

 private:
  Reviewer reviewer_;
  Metrics& metrics_;
  std::string text_;
};

}  // namespace gori::webhook
