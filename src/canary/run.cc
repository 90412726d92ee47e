#include "canary/run.h"

#include <cmath>
#include <ctime>

#include <fmt/format.h>

#include "base/duration.h"
#include "base/instant.h"
#include "canary/config.h"
#include "canary/judge.h"
#include "canary/report.h"

namespace gori::canary {
namespace {

class PrometheusFetcher final : public Fetcher {
 public:
  explicit PrometheusFetcher(prom::Client& client) : client_(client) {}
  Result<prom::QueryResult> Fetch(const prom::RangeQuery& q) override {
    return client_.QueryRange(q);
  }

 private:
  prom::Client& client_;
};

Result<int64_t> Instant(const std::string& text, const std::string& flag) {
  auto t = ParseInstant(text);
  if (!t) return Fail(fmt::format("{}: {}", flag, t.error().message));
  return static_cast<int64_t>(std::floor(*t));
}

Status CheckSelector(const std::string& s, const std::string& flag) {
  if (s.empty()) return Fail(fmt::format("{} needs a selector such as 'track=\"canary\"'", flag));
  for (char c : s) {
    if (c == '{' || c == '}' || c == '\n') {
      return Fail(
          fmt::format("{}: give label matchers without braces, e.g. 'track=\"canary\"'", flag));
    }
  }
  return {};
}

}  // namespace

Result<int64_t> ParseTimeoutMs(const std::string& text) {
  auto d = ParseDuration(text);
  if (!d) return tl::unexpected(d.error());
  if (*d < 1'000'000) return Fail("must be at least 1ms");
  return *d / 1'000'000;
}

Result<JudgeInput> ResolveInput(const Config& config, const JudgeOptions& o, int64_t now_s) {
  auto name = [&](std::string_view option) { return fmt::format("{}{}", o.prefix, option); };
  if (auto s = CheckSelector(o.baseline_selector, name("baseline")); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = CheckSelector(o.canary_selector, name("canary")); !s) {
    return tl::unexpected(s.error());
  }
  JudgeInput in;
  in.config = &config;
  in.baseline_selector = o.baseline_selector;
  in.canary_selector = o.canary_selector;
  in.look = o.look;
  if (o.look < 0 || o.look > config.looks) {
    return Fail(
        fmt::format("{} must be from 1 to the config's looks ({})", name("look"), config.looks));
  }
  if (!o.window.empty()) {
    auto d = ParseDuration(o.window);
    if (!d) return Fail(fmt::format("{}: {}", name("window"), d.error().message));
    if (*d < 1'000'000'000) return Fail(name("window") + " must be at least 1s");
    in.window_s = *d / 1'000'000'000;
  }
  if (o.end.empty()) {
    in.end_s = now_s;
  } else {
    auto e = Instant(o.end, name("end"));
    if (!e) return tl::unexpected(e.error());
    in.end_s = *e;
  }
  if (!o.start.empty()) {
    auto s = Instant(o.start, name("start"));
    if (!s) return tl::unexpected(s.error());
    if (*s >= in.end_s)
      return Fail(fmt::format("{} must be before {}", name("start"), name("end")));
    in.start_s = *s;
  }
  const int64_t window =
      in.start_s ? in.end_s - in.start_s : (in.window_s ? in.window_s : config.window_s);
  if (window / config.step_s > 11'000) {
    return Fail(
        fmt::format("window {}s at step {}s is more than the 11000 points Prometheus "
                    "returns per series; raise step",
                    window, config.step_s));
  }
  return in;
}

Result<JudgeOutput> RunJudge(const JudgeOptions& o) {
  if (o.format != "text" && o.format != "json" && o.format != "html") {
    return Fail("--format must be text, json or html");
  }
  if (auto s = CheckSelector(o.baseline_selector, "--baseline"); !s)
    return tl::unexpected(s.error());
  if (auto s = CheckSelector(o.canary_selector, "--canary"); !s) return tl::unexpected(s.error());
  auto config = LoadConfigFile(o.config_path);
  if (!config) return tl::unexpected(config.error());
  auto in = ResolveInput(*config, o, static_cast<int64_t>(std::time(nullptr)));
  if (!in) return tl::unexpected(in.error());
  auto client = prom::Client::Create(o.prometheus);
  if (!client) return tl::unexpected(client.error());
  PrometheusFetcher fetcher(*client);
  auto verdict = Judge(*in, fetcher);
  if (!verdict) return tl::unexpected(verdict.error());
  JudgeOutput out;
  out.exit_code = verdict->exit_code;
  out.rendered = o.format == "json"   ? FormatJson(*verdict)
                 : o.format == "html" ? FormatHtml(*verdict)
                                      : FormatText(*verdict);
  return out;
}

}  // namespace gori::canary
