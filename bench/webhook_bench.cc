// In-process cost of one admission review (JSON parse, envelope, all default rules, response
// rendering), and of parsing one webhook HTTP request. No sockets: the server's share is
// measured end to end by bench/webhook_vs_nginx.sh.
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "base/source.h"
#include "doc/document.h"
#include "guard/guard.h"
#include "http/parser.h"
#include "json/loader.h"
#include "rules/config.h"
#include "webhook/engine_evaluator.h"
#include "webhook/reviewer.h"

namespace {

std::string Fixture(const char* name) {
  std::ifstream in(std::string(GORI_SOURCE_DIR) + "/tests/testdata/webhook/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Review(benchmark::State& state, const char* fixture, const char* want) {
  gori::guard::Guard guard{gori::rules::Config()};
  gori::webhook::EngineEvaluator evaluator(guard);
  gori::webhook::ReviewPolicy policy;
  gori::webhook::Reviewer reviewer(evaluator, policy, nullptr);
  std::string body = Fixture(fixture);
  if (reviewer.Review(body).decision != want) {
    state.SkipWithError("unexpected decision");
    return;
  }
  for (auto _ : state) {
    auto r = reviewer.Review(body);
    benchmark::DoNotOptimize(r.body.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}

void BM_ReviewAllowed(benchmark::State& s) { Review(s, "create_clean.json", "allowed"); }
void BM_ReviewDenied(benchmark::State& s) { Review(s, "create_privileged.json", "denied"); }
void BM_ReviewUpdateComparesOldObject(benchmark::State& s) {
  Review(s, "update_keeps_violation.json", "allowed");
}
BENCHMARK(BM_ReviewAllowed);
BENCHMARK(BM_ReviewDenied);
BENCHMARK(BM_ReviewUpdateComparesOldObject);

// The review bench/webhook_vs_nginx.sh sends with 20 bound ValidatingAdmissionPolicies
// (bench/testdata/policies20.yaml: numbered copies of the three example policies, every one
// allows it), with the three example policies once each (examples/policies), and without
// policies: the differences are the policies' share of a review (bench/policy_instructions.sh
// counts them).
void ReviewPolicies(benchmark::State& state, const char* policies, std::size_t count) {
  std::string source = std::string(GORI_SOURCE_DIR) + "/";
  gori::guard::Options options;
  if (count > 0) options.policies = {source + policies};
  auto guard = gori::guard::Guard::Create(options);
  if (!guard || (count > 0 && (!(*guard)->policy_errors().empty() ||
                               (*guard)->policies().policy_count() != count)))
    return state.SkipWithError("the policies did not load");
  gori::webhook::EngineEvaluator evaluator(**guard);
  gori::webhook::ReviewPolicy policy;
  gori::webhook::Reviewer reviewer(evaluator, policy, nullptr);
  std::ifstream in(source + "bench/testdata/review_policies_allow.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string body = ss.str();
  if (reviewer.Review(body).decision != "allowed") return state.SkipWithError("not allowed");
  for (auto _ : state) {
    auto r = reviewer.Review(body);
    benchmark::DoNotOptimize(r.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_ReviewPolicies20(benchmark::State& s) {
  ReviewPolicies(s, "bench/testdata/policies20.yaml", 20);
}
void BM_ReviewPoliciesExamples(benchmark::State& s) { ReviewPolicies(s, "examples/policies", 3); }
void BM_ReviewPolicies20Baseline(benchmark::State& s) { ReviewPolicies(s, nullptr, 0); }
BENCHMARK(BM_ReviewPolicies20);
BENCHMARK(BM_ReviewPoliciesExamples);
BENCHMARK(BM_ReviewPolicies20Baseline);

// The JSON share of a review: the body into a document tree with positions, in an arena
// reused from one review to the next as the Reviewer does.
void BM_JsonLoadReview(benchmark::State& state) {
  std::string body = Fixture("create_clean.json");
  gori::doc::LoadedFile file;
  file.arena = std::make_unique<gori::Arena>();
  for (auto _ : state) {
    file.documents.clear();
    file.arena->Reset();
    file.source = gori::Source::CopyOf("AdmissionReview", body);
    auto st = gori::json::Load(file);
    benchmark::DoNotOptimize(st);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_JsonLoadReview);

void BM_ParseWebhookRequest(benchmark::State& state) {
  std::string body = Fixture("create_clean.json");
  std::string wire =
      "POST /validate?timeout=3s HTTP/1.1\r\nHost: gori-webhook.gori-system.svc:443\r\n"
      "User-Agent: kube-apiserver-admission\r\nAccept: application/json, */*\r\n"
      "Content-Type: application/json\r\nAccept-Encoding: gzip\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  gori::http::RequestParser parser;
  std::string buf = wire;
  for (auto _ : state) {
    parser.Reset();
    auto s = parser.Parse(buf);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}
BENCHMARK(BM_ParseWebhookRequest);

}  // namespace

BENCHMARK_MAIN();
