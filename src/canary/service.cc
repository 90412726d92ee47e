#include "canary/service.h"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <optional>

#include <fmt/format.h>

#include "canary/config.h"
#include "canary/report.h"
#include "canary/run.h"
#include "http/parser.h"
#include "json/writer.h"
#include "net/event_loop.h"

namespace gori::canary {
namespace {

constexpr std::string_view kText = "text/plain; charset=utf-8";
constexpr std::string_view kJson = "application/json";
const http::Header kAllowPost[] = {{"Allow", "POST"}};
const http::Header kAllowGet[] = {{"Allow", "GET, HEAD"}};

class PrometheusFetcher final : public ServeFetcher {
 public:
  explicit PrometheusFetcher(prom::Client client) : client_(std::move(client)) {}
  Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) override {
    return client_.QueryRange(q);
  }
  prom::Failure last_failure() const override { return client_.last_failure(); }

 private:
  prom::Client client_;
};

bool FileExists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool CriticalFailure(const Verdict& v) {
  if (v.verdict != "fail") return false;
  return std::any_of(v.metrics.begin(), v.metrics.end(), [](const MetricResult& m) {
    return m.config && m.config->critical &&
           (m.cls == Class::kHigh || m.cls == Class::kLow ||
            (m.cls == Class::kNodata && m.config->must_have_data));
  });
}

std::string_view HookName(Hook hook) {
  switch (hook) {
    case Hook::kRollout:
      return "rollout";
    case Hook::kPromote:
      return "promote";
    case Hook::kRollback:
      return "rollback";
  }
  return "rollout";
}

}  // namespace

FetcherFactory PrometheusFetchers(prom::ClientOptions options) {
  return [options = std::move(options)]() -> Result<std::unique_ptr<ServeFetcher>> {
    auto client = prom::Client::Create(options);
    if (!client) return tl::unexpected(client.error());
    return std::make_unique<PrometheusFetcher>(std::move(*client));
  };
}

int FlaggerStatus(Hook hook, const Verdict& v, const std::vector<std::string>& proceed_on) {
  if (hook == Hook::kRollback) return CriticalFailure(v) ? 200 : 409;
  static const std::vector<std::string> kRolloutDefault = {"pass", "marginal", "inconclusive"};
  static const std::vector<std::string> kPromoteDefault = {"pass"};
  const auto& allowed = !proceed_on.empty()      ? proceed_on
                        : hook == Hook::kPromote ? kPromoteDefault
                                                 : kRolloutDefault;
  if (std::find(allowed.begin(), allowed.end(), v.verdict) != allowed.end()) return 200;
  return v.verdict == "fail" ? 412 : 409;
}

// A judgment, or why there is none (status != 0).
struct JudgeHandler::Outcome {
  int status = 0;
  std::string error;
  std::unique_ptr<Config> config;  // the verdict points into it
  std::optional<Verdict> verdict;
};

JudgeHandler::Outcome JudgeHandler::JudgeOnce(const ServeRequest& req, std::string_view prefix) {
  Outcome out;
  auto fail = [&](int status, std::string message, std::string_view kind) -> Outcome {
    out.status = status;
    out.error = std::move(message);
    metrics_.errors.Add({kind});
    return std::move(out);
  };
  Result<Config> config = Fail("");
  if (!req.config_yaml.empty()) {
    config = ParseConfig(req.config_yaml, fmt::format("{}configYaml", prefix));
    if (!config) return fail(400, config.error().ToString(), "bad_config");
  } else if (!req.config_name.empty()) {
    if (settings_.config_dir.empty()) {
      return fail(400, "this server has no --config-dir: give configYaml or no config",
                  "bad_request");
    }
    const std::string path = fmt::format("{}/{}.yaml", settings_.config_dir, req.config_name);
    if (!FileExists(path)) {
      return fail(400,
                  fmt::format("{}config: no config '{}' in {}", prefix, req.config_name,
                              settings_.config_dir),
                  "bad_request");
    }
    config = LoadConfigFile(path);
    if (!config) return fail(500, config.error().ToString(), "config");
  } else {
    if (settings_.default_config.empty()) {
      return fail(400, "this server has no default --config: name a config or give configYaml",
                  "bad_request");
    }
    config = LoadConfigFile(settings_.default_config);
    if (!config) return fail(500, config.error().ToString(), "config");
  }
  out.config = std::make_unique<Config>(std::move(*config));

  JudgeOptions o;
  o.baseline_selector = req.baseline;
  o.canary_selector = req.canary;
  o.window = req.window;
  o.end = req.end;
  o.start = req.start;
  o.look = req.look;
  o.prefix = prefix;
  auto in = ResolveInput(*out.config, o, static_cast<int64_t>(std::time(nullptr)));
  if (!in) return fail(400, in.error().ToString(), "bad_request");

  auto fetcher = fetchers_();
  if (!fetcher) {
    metrics_.prometheus_errors.Add({prom::FailureName(prom::Failure::kUnreachable)});
    out.status = 503;
    out.error = fetcher.error().ToString();
    return out;
  }
  auto verdict = canary::Judge(*in, **fetcher);
  if (!verdict) {
    const prom::Failure why = (*fetcher)->last_failure();
    if (why == prom::Failure::kNone) return fail(400, verdict.error().ToString(), "bad_request");
    metrics_.prometheus_errors.Add({prom::FailureName(why)});
    out.status = why == prom::Failure::kUnreachable || why == prom::Failure::kTimeout ? 503 : 502;
    out.error = verdict.error().ToString();
    return out;
  }
  out.verdict = std::move(*verdict);
  return out;
}

http::HttpResponse JudgeHandler::Judge(const http::Request& request) {
  auto error = [&](int status, std::string_view message) -> http::HttpResponse {
    body_.clear();
    json::Writer w(body_);
    w.BeginObject().Member("error", message).Member("status", status).EndObject();
    body_ += '\n';
    return {.status = status, .content_type = kJson, .body = body_};
  };
  const int64_t start = net::EventLoop::NowUs();
  auto req = ReadJudgeRequest(request.body);
  if (!req) {
    metrics_.errors.Add({"bad_request"});
    return error(400, req.error().ToString());
  }
  Outcome o = JudgeOnce(*req, "");
  metrics_.duration.Observe(net::EventLoop::NowUs() - start);
  if (o.status != 0) return error(o.status, o.error);
  metrics_.judgments.Add({"judge", o.verdict->verdict});
  body_ = FormatJson(*o.verdict);
  return {.status = 200, .content_type = kJson, .body = body_};
}

http::HttpResponse JudgeHandler::Flagger(const http::Request& request, Hook hook) {
  auto text = [&](int status, std::string line) -> http::HttpResponse {
    body_ = std::move(line);
    body_ += '\n';
    return {.status = status, .content_type = kText, .body = body_};
  };
  const int64_t start = net::EventLoop::NowUs();
  auto req = ReadFlaggerRequest(request.body);
  if (!req) {
    metrics_.errors.Add({"bad_request"});
    return text(400, req.error().ToString());
  }
  if (hook == Hook::kRollback && !req->proceed_on.empty()) {
    metrics_.errors.Add({"bad_request"});
    return text(400, "metadata.proceedOn does not apply to the rollback hook");
  }
  Outcome o = JudgeOnce(*req, "metadata.");
  metrics_.duration.Observe(net::EventLoop::NowUs() - start);
  if (o.status != 0) return text(o.status, o.error);
  const Verdict& v = *o.verdict;
  metrics_.judgments.Add({HookName(hook), v.verdict});
  const int status = FlaggerStatus(hook, v, req->proceed_on);
  std::string_view action = hook == Hook::kRollback ? (status == 200 ? "roll back" : "no rollback")
                            : status == 200 ? (hook == Hook::kPromote ? "promote" : "proceed")
                            : status == 412 ? "halt"
                                            : "wait";
  return text(status, fmt::format("{}: {} (score {:g}): {}", action, v.verdict, v.score, v.reason));
}

http::HttpResponse JudgeHandler::Handle(const http::Request& request) {
  const std::string_view path = request.Path();
  std::optional<Hook> hook;
  if (path == "/v1/flagger/rollout") hook = Hook::kRollout;
  if (path == "/v1/flagger/promote") hook = Hook::kPromote;
  if (path == "/v1/flagger/rollback") hook = Hook::kRollback;
  if (path == "/v1/judge" || hook) {
    if (request.method != "POST") {
      return {.status = 405, .content_type = kText, .body = "use POST\n", .extra = kAllowPost};
    }
    if (!http::IsJsonContentType(request.Find("content-type"))) {
      metrics_.errors.Add({"unsupported_media_type"});
      return {.status = 415, .content_type = kText, .body = "send application/json\n"};
    }
    return hook ? Flagger(request, *hook) : Judge(request);
  }
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
    if (!get) {
      return {.status = 405, .content_type = kText, .body = "use GET\n", .extra = kAllowGet};
    }
    if (path == "/healthz") return {.status = 200, .content_type = kText, .body = "ok\n"};
    if (path == "/readyz") {
      if (metrics_.ready.load(std::memory_order_acquire) == 1) {
        return {.status = 200, .content_type = kText, .body = "ready\n"};
      }
      return {.status = 503, .content_type = kText, .body = "not ready\n"};
    }
    body_.clear();
    metrics_.Render(body_);
    return {
        .status = 200, .content_type = "text/plain; version=0.0.4; charset=utf-8", .body = body_};
  }
  return {.status = 404, .content_type = kText, .body = "not found\n"};
}

}  // namespace gori::canary
