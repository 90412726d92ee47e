#include "canary/service.h"

#include <map>

#include <gtest/gtest.h>

#include "canary/report.h"
#include "canary/serve_request.h"

namespace gori::canary {
namespace {

constexpr int64_t kEnd = 1'764'000'000;  // a multiple of 60

// Gauge points per query (series absent otherwise), or a Prometheus failure for every query.
class FakeFetcher final : public ServeFetcher {
 public:
  FakeFetcher(std::map<std::string, double> levels, prom::Failure failure)
      : levels_(std::move(levels)), failure_(failure) {}
  Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) override {
    if (failure_ != prom::Failure::kNone) {
      last_ = failure_;
      return Fail(failure_ == prom::Failure::kRejected ? "prometheus: HTTP 400: bad_data: parse"
                                                       : "prometheus: cannot connect");
    }
    prom::QueryResult r{"matrix", {}, {}};
    if (auto it = levels_.find(q.query); it != levels_.end()) {
      prom::Series s;
      for (int i = 0; i < 30; ++i) {
        s.samples.push_back({(kEnd - 1800 + i * 60) * 1000, it->second + (i % 5) * 0.01});
      }
      r.series.push_back(s);
    }
    return r;
  }
  prom::Failure last_failure() const override { return last_; }

 private:
  std::map<std::string, double> levels_;
  prom::Failure failure_;
  prom::Failure last_ = prom::Failure::kNone;
};

const char* kConfig =
    "metrics:\\n  - {name: cpu, kind: gauge, query: 'cpu{ {{selector}} }', margin: 10%, "
    "critical: true}\\n";

struct Fixture {
  std::map<std::string, double> levels = {{"cpu{ track=\"baseline\" }", 1.0},
                                          {"cpu{ track=\"canary\" }", 1.0}};
  prom::Failure failure = prom::Failure::kNone;
  ServeSettings settings;
  ServeMetrics metrics;

  http::HttpResponse Post(std::string_view path, const std::string& body) {
    JudgeHandler h(
        settings,
        [this]() -> Result<std::unique_ptr<ServeFetcher>> {
          return std::make_unique<FakeFetcher>(levels, failure);
        },
        metrics);
    http::Header headers[] = {{"Content-Type", "application/json"}};
    http::Request r;
    r.method = "POST";
    r.target = path;
    r.headers = headers;
    r.body = body;
    auto resp = h.Handle(r);
    body_ = std::string(resp.body);
    resp.body = body_;
    return resp;
  }
  std::string body_;
};

std::string JudgeBody(std::string_view extra = "") {
  return std::string("{\"configYaml\": \"") + kConfig +
         "\", \"baseline\": \"track=\\\"baseline\\\"\", \"canary\": \"track=\\\"canary\\\"\", "
         "\"end\": \"@1764000000\"" +
         std::string(extra) + "}";
}

std::string FlaggerBody(std::string_view extra = "") {
  return std::string(
             "{\"name\": \"podinfo\", \"namespace\": \"test\", \"metadata\": "
             "{\"configYaml\": \"") +
         kConfig +
         "\", \"baseline\": \"track=\\\"baseline\\\"\", \"canary\": \"track=\\\"canary\\\"\", "
         "\"end\": \"@1764000000\"" +
         std::string(extra) + "}}";
}

TEST(CanaryServeRequest, ReadsEveryField) {
  auto r = ReadJudgeRequest(
      R"({"config": "payments", "baseline": "a=\"b\"", "canary": "a=\"c\"", "window": "10m",
          "end": "@1", "start": "@0", "look": 3})");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->config_name, "payments");
  EXPECT_EQ(r->baseline, "a=\"b\"");
  EXPECT_EQ(r->window, "10m");
  EXPECT_EQ(r->look, 3);
}

TEST(CanaryServeRequest, ErrorsCarryThePosition) {
  auto r = ReadJudgeRequest("{\"baseline\": \"a\", \"canary\": \"b\",\n \"look\": \"x\"}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().ToString(), "request:2:10: look must be an integer from 1 to 1000");
  r = ReadJudgeRequest("{\"baseline\": \"a\"}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().ToString(), "request:1:1: request.canary is missing");
  r = ReadJudgeRequest("[1]");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().ToString(), "request:1:1: request body must be a JSON object");
  r = ReadJudgeRequest(R"({"config": "../x", "baseline": "a", "canary": "b"})");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is not a config name"), std::string::npos);
  r = ReadJudgeRequest(R"({"config": "x", "configYaml": "y", "baseline": "a", "canary": "b"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "request: give config or configYaml, not both");
}

TEST(CanaryServeRequest, FlaggerMetadataIsStrings) {
  auto r = ReadFlaggerRequest(
      R"({"name": "podinfo", "namespace": "test", "phase": "Progressing", "checksum": "1",
          "metadata": {"baseline": "a", "canary": "b", "look": "2",
                       "proceedOn": "pass, inconclusive"}})");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->name, "podinfo");
  EXPECT_EQ(r->phase, "Progressing");
  EXPECT_EQ(r->look, 2);
  EXPECT_EQ(r->proceed_on, (std::vector<std::string>{"pass", "inconclusive"}));
  r = ReadFlaggerRequest(R"({"metadata": {"baseline": "a", "canary": "b", "proceedOn": "ok"}})");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'ok' is not a verdict"), std::string::npos);
  r = ReadFlaggerRequest(R"({"metadata": {"baseline": "a", "canary": "b", "cannary": "c"}})");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("unknown key 'cannary' in metadata"), std::string::npos);
}

TEST(CanaryServe, EveryVerdictIsOkWithTheJudgeJson) {
  Fixture f;
  auto resp = f.Post("/v1/judge", JudgeBody());
  EXPECT_EQ(resp.status, 200) << resp.body;
  EXPECT_NE(resp.body.find("\"verdict\": \"pass\""), std::string::npos) << resp.body;
  f.levels["cpu{ track=\"canary\" }"] = 2.0;
  resp = f.Post("/v1/judge", JudgeBody());
  EXPECT_EQ(resp.status, 200);
  EXPECT_NE(resp.body.find("\"verdict\": \"fail\""), std::string::npos) << resp.body;
  EXPECT_EQ(f.metrics.judgments.Get({"judge", "pass"}), 1u);
  EXPECT_EQ(f.metrics.judgments.Get({"judge", "fail"}), 1u);
  EXPECT_EQ(f.metrics.duration.count(), 2u);
}

TEST(CanaryServe, JudgeErrorsSayWhy) {
  Fixture f;
  EXPECT_EQ(f.Post("/v1/judge", "{").status, 400);
  EXPECT_EQ(f.Post("/v1/judge", JudgeBody(", \"window\": \"x\"")).status, 400);
  auto resp = f.Post("/v1/judge", R"({"baseline": "a=\"b\"", "canary": "a=\"c\""})");
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(resp.body,
            "{\"error\":\"this server has no default --config: name a config or give "
            "configYaml\",\"status\":400}\n");
  f.failure = prom::Failure::kUnreachable;
  EXPECT_EQ(f.Post("/v1/judge", JudgeBody()).status, 503);
  f.failure = prom::Failure::kTimeout;
  EXPECT_EQ(f.Post("/v1/judge", JudgeBody()).status, 503);
  f.failure = prom::Failure::kRejected;
  EXPECT_EQ(f.Post("/v1/judge", JudgeBody()).status, 502);
  EXPECT_EQ(f.metrics.prometheus_errors.Get({"unreachable"}), 1u);
  EXPECT_EQ(f.metrics.prometheus_errors.Get({"rejected"}), 1u);
}

TEST(CanaryServe, FlaggerHooksMapVerdictsOntoStatusCodes) {
  Fixture f;
  EXPECT_EQ(f.Post("/v1/flagger/rollout", FlaggerBody()).status, 200);
  EXPECT_EQ(f.Post("/v1/flagger/promote", FlaggerBody()).status, 200);
  EXPECT_EQ(f.Post("/v1/flagger/rollback", FlaggerBody()).status, 409);
  EXPECT_EQ(f.Post("/v1/flagger/promote", FlaggerBody(", \"proceedOn\": \"marginal\"")).status,
            409);
  f.levels["cpu{ track=\"canary\" }"] = 2.0;  // the critical metric fails
  auto resp = f.Post("/v1/flagger/rollout", FlaggerBody());
  EXPECT_EQ(resp.status, 412);
  EXPECT_EQ(resp.body.substr(0, 20), "halt: fail (score 0)");
  resp = f.Post("/v1/flagger/rollback", FlaggerBody());
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body.substr(0, 25), "roll back: fail (score 0)");
  EXPECT_EQ(f.Post("/v1/flagger/rollback", FlaggerBody(", \"proceedOn\": \"pass\"")).status, 400);
}

TEST(CanaryServe, InconclusiveAndMarginalProceedButDoNotPromote) {
  Verdict v;
  for (const char* verdict : {"inconclusive", "marginal"}) {
    v.verdict = verdict;
    EXPECT_EQ(FlaggerStatus(Hook::kRollout, v, {}), 200) << verdict;
    EXPECT_EQ(FlaggerStatus(Hook::kPromote, v, {}), 409) << verdict;
    EXPECT_EQ(FlaggerStatus(Hook::kRollback, v, {}), 409) << verdict;
    EXPECT_EQ(FlaggerStatus(Hook::kRollout, v, {"pass"}), 409) << verdict;
  }
  v.verdict = "fail";  // without a failed critical metric
  EXPECT_EQ(FlaggerStatus(Hook::kRollout, v, {}), 412);
  EXPECT_EQ(FlaggerStatus(Hook::kRollback, v, {}), 409);
}

TEST(CanaryServe, ProbesAndMethods) {
  Fixture f;
  JudgeHandler h(f.settings, nullptr, f.metrics);
  http::Request r;
  r.method = "GET";
  r.target = "/readyz";
  EXPECT_EQ(h.Handle(r).status, 503);
  f.metrics.ready = 1;
  EXPECT_EQ(h.Handle(r).status, 200);
  r.target = "/v1/judge";
  EXPECT_EQ(h.Handle(r).status, 405);
  r.target = "/metrics";
  auto resp = h.Handle(r);
  EXPECT_EQ(resp.status, 200);
  EXPECT_NE(resp.body.find("# TYPE gori_canary_judge_duration_seconds histogram"),
            std::string::npos);
  r.target = "/nope";
  EXPECT_EQ(h.Handle(r).status, 404);
}

}  // namespace
}  // namespace gori::canary
