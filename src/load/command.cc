#include "load/command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "base/file_writer.h"
#include "base/source.h"
#include "base/try.h"
#include "load/hdr_codec.h"
#include "load/html_report.h"
#include "load/k8s_job.h"
#include "load/merge.h"
#include "load/report.h"
#include "load/units.h"

namespace gori::load {
namespace {

Result<int64_t> PositiveDuration(const std::string& text, std::string_view flag) {
  auto d = ParseDuration(text);
  if (!d) return tl::unexpected(d.error());
  if (*d <= 0) return Fail(fmt::format("{} must be positive", flag));
  return *d;
}

Result<Scenario> ReadScenario(const CommandFlags& f) {
  if (!f.file.empty()) {
    if (f.method || !f.headers.empty() || f.body) {
      return Fail("-m, -H and --body belong to the quick form; a scenario sets them per step");
    }
    return LoadScenarioFile(f.file);
  }
  std::string body = f.body.value_or("");
  if (body.starts_with("@")) {
    auto src = Source::Read(body.substr(1));
    if (!src) return tl::unexpected(src.error());
    body = std::string((*src)->bytes());
  }
  return QuickScenario(f.url, f.method.value_or("GET"), f.headers, body);
}

// The flags given override the scenario's settings; a duration or a request count given on the
// command line replaces the other (and cuts a scenario's stages short).
Result<LoadOptions> MergeOptions(const CommandFlags& f, LoadOptions o) {
  if (f.connections) o.connections = *f.connections;
  if (f.threads) o.threads = *f.threads;
  if (f.max_connections) o.max_connections = *f.max_connections;
  if (f.requests) {
    o.requests = *f.requests;
    o.duration_ns = 0;
  }
  if (f.duration) {
    GORI_TRY(d, PositiveDuration(*f.duration, "-d"));
    o.duration_ns = d;
    o.requests = 0;
  }
  if (f.rate) {
    GORI_TRY(r, ParseRate(*f.rate));
    if (r <= 0) return Fail("--rate must be positive");
    o.open = true;
    o.stages = {Stage{0, r, r}};
  }
  if (f.stages) {
    GORI_TRY(s, ParseStages(*f.stages));
    o.open = true;
    o.stages = std::move(s);
  }
  if (f.arrivals) {
    if (*f.arrivals != "poisson" && *f.arrivals != "constant") {
      return Fail(fmt::format("--arrivals: '{}' is not constant or poisson", *f.arrivals));
    }
    o.arrivals = *f.arrivals == "poisson" ? Arrivals::kPoisson : Arrivals::kConstant;
  }
  if (f.timeout) {
    GORI_TRY(t, PositiveDuration(*f.timeout, "--timeout"));
    o.timeout_ns = t;
  }
  if (f.warmup) {
    GORI_TRY(w, ParseDuration(*f.warmup));
    if (w < 0) return Fail("--warmup cannot be negative");  // 0 turns a scenario's off
    o.warmup_ns = w;
  }
  if (f.shard) {
    GORI_TRY(s, ParseShard(*f.shard));
    o.shard = s.index;
    o.shards = s.count;
  }
  if (f.drop_late) o.drop_late = true;
  if (f.seed) o.seed = *f.seed;
  if (o.drop_late && !o.open) return Fail("--drop-late needs an open model (--rate or --stages)");
  return ResolveOptions(o);
}

// A threshold that names a step must name one of the scenario's.
Status AddThresholds(const CommandFlags& f, const Scenario& scenario, std::vector<Threshold>& out) {
  out = scenario.thresholds;
  for (const std::string& t : f.thresholds) {
    GORI_TRY(parsed, ParseThreshold(t));
    if (!parsed.metric.step.empty()) {
      bool known = false;
      for (const auto& s : scenario.steps) known = known || s.name == parsed.metric.step;
      if (!known) {
        return Fail(fmt::format("threshold '{}' names step '{}', which the scenario does not have",
                                parsed.expr, parsed.metric.step));
      }
    }
    out.push_back(std::move(parsed));
  }
  return {};
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "gori load: %s\n", message.c_str());
  return 2;
}

int Emit(const CommandFlags& f) {
  std::vector<std::string> warnings;
  auto yaml = EmitK8sManifests(f, warnings);
  if (!yaml) return Usage(yaml.error().ToString());
  for (const std::string& w : warnings) std::fprintf(stderr, "gori load: warning: %s\n", w.c_str());
  std::fputs(yaml->c_str(), stdout);
  return 0;
}

// Shards of a distributed run start on the same wall-clock instant so that their seconds line
// up when `gori load report` merges them; one that is late would skew every second.
Status WaitUntil(double start_at, const std::string& text, bool quiet) {
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (start_at < now - 1.0) {
    return Fail(fmt::format("--start-at {} passed {:.1f}s ago", text, now - start_at));
  }
  if (start_at > now + 86400) return Fail("--start-at is more than a day away");
  if (!quiet) std::fprintf(stderr, "waiting until %s to start\n", text.c_str());
  std::this_thread::sleep_until(std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::duration<double>(start_at))));
  return {};
}

int ExitCode(const RunStats& stats, const std::vector<ThresholdResult>& results) {
  for (const auto& r : results) {
    if (!r.ok) return 99;
  }
  // A run where nothing succeeded (the target refused every connection, answered only errors)
  // held nothing, thresholds or not.
  return stats.Succeeded() == 0 ? 99 : 0;
}

}  // namespace

Result<Plan> PlanRun(const CommandFlags& f) {
  if (f.file.empty() == f.url.empty()) {
    return Fail(f.file.empty() ? "give a URL or a scenario file (-f scenario.yaml)"
                               : "give either a URL or -f scenario.yaml, not both");
  }
  if (f.duration && f.requests) return Fail("use -d DURATION or -n REQUESTS, not both");
  if (f.rate && f.stages) return Fail("use --rate or --stages, not both");
  Plan plan;
  GORI_TRY(scenario, ReadScenario(f));
  plan.scenario = std::move(scenario);
  if (!plan.scenario.url.grpc && (!f.proto.empty() || !f.protoset.empty())) {
    return Fail("--proto and --protoset describe a grpc:// or grpcs:// target");
  }
  if (f.http != "2" && f.http != "1.1" && f.http != "auto") {
    return Fail(fmt::format("--http: '{}' is not 2, 1.1 or auto", f.http));
  }
  GORI_TRY(options, MergeOptions(f, plan.scenario.load));
  if (f.start_at) {
    GORI_TRY(t, ParseInstant(*f.start_at));
    plan.start_at = t;
  }
  if (Status st = AddThresholds(f, plan.scenario, plan.thresholds); !st) {
    return tl::unexpected(st.error());
  }
  RunSettings& s = plan.settings;
  s.load = options;
  s.tls_verify = !f.insecure;
  s.tls_ca_file = f.cacert;
  s.http = f.http == "2" ? HttpVersion::k2 : f.http == "1.1" ? HttpVersion::k1 : HttpVersion::kAuto;
  s.streams = f.streams;
  s.proto_file = f.proto;
  s.proto_paths = f.proto_paths;
  s.protoset_file = f.protoset;
  s.unix_socket = f.unix_socket;
  s.connect_to = f.connect_to;
  plan.target = f.url.empty() ? f.file : f.url;
  return plan;
}

Result<std::string> EmitK8sManifests(const CommandFlags& f, std::vector<std::string>& warnings) {
  if (f.file.empty() || !f.url.empty()) {
    return Fail("--emit-k8s needs a scenario file (-f), which the pods read from a ConfigMap");
  }
  // Read once: the pods get exactly the bytes that were checked here.
  GORI_TRY(text, Source::Read(f.file));
  GORI_TRY(scenario, ParseScenario(text->bytes(), text->name(),
                                   std::filesystem::path(f.file).parent_path().string()));
  GORI_TRY(lead, ParseDuration(f.start_in));
  JobSpec spec;
  spec.shards = f.emit_k8s.value_or(1);
  spec.name = JobName(scenario.name);
  spec.namespace_ = f.k8s_namespace;
  if (f.image.empty()) return Fail("--image: give the gori image the pods run");
  spec.image = f.image;
  spec.scenario_yaml = std::string(text->bytes());
  if (!scenario.data_csv.empty()) {
    GORI_TRY(csv, Source::Read(scenario.data_csv_path));
    spec.csv_name = scenario.data_csv;
    spec.csv_text = std::string(csv->bytes());
  }
  const auto start = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() +
                                                              std::chrono::nanoseconds(lead));
  spec.start_at = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", start);
  GORI_TRY(yaml, EmitJob(spec));
  if (std::string w = LoopbackWarning(scenario.url.host); !w.empty()) {
    warnings.push_back(std::move(w));
  }
  return yaml;
}

int RunCommand(const CommandFlags& f) {
  if (f.emit_k8s) return Emit(f);
  auto planned = PlanRun(f);
  if (!planned) return Usage(planned.error().ToString());
  Plan& plan = *planned;
  ReportContext ctx{&plan.scenario, &plan.settings.load, plan.target};

  const bool tty = isatty(STDERR_FILENO) != 0;
  std::unique_ptr<HlogWriter> hlog;
  if (!f.hlog.empty()) {
    hlog = std::make_unique<HlogWriter>(static_cast<double>(std::time(nullptr)));
  }
  RunHooks hooks;
  hooks.on_second = [&](const RunStats& so_far, const IntervalStats& second, int64_t in_flight) {
    if (hlog) {
      hlog->AddInterval("", static_cast<double>(second.index), 1.0, second.latency);
      hlog->AddInterval("service_time", static_cast<double>(second.index), 1.0, second.service);
    }
    if (!f.quiet) {
      const std::string line = FormatProgress(ctx, so_far, second, in_flight);
      std::fprintf(stderr, tty ? "\r\033[K%s" : "%s\n", line.c_str());
      std::fflush(stderr);
    }
    if (plan.scenario.abort_on_fail && !plan.thresholds.empty()) {
      for (const auto& r :
           Evaluate(plan.thresholds, [&](const Metric& m) { return so_far.Lookup(m); })) {
        if (r.known && !r.ok) return false;
      }
    }
    return true;
  };
  hooks.on_warmup_second = [&](const IntervalStats& second, int64_t in_flight) {
    if (f.quiet) return;
    const std::string line = FormatWarmupProgress(ctx, second, in_flight);
    std::fprintf(stderr, tty ? "\r\033[K%s" : "%s\n", line.c_str());
    std::fflush(stderr);
  };
  if (plan.start_at) {
    if (Status st = WaitUntil(*plan.start_at, *f.start_at, f.quiet); !st) {
      return Usage(st.error().message);
    }
  }
  auto stats = Run(plan.scenario, plan.settings, hooks);
  if (!f.quiet && tty) std::fprintf(stderr, "\n");
  if (!stats) return Usage(stats.error().ToString());

  const auto& thresholds = plan.thresholds;
  const auto results = Evaluate(thresholds, [&](const Metric& m) { return stats->Lookup(m); });
  // `--json -`: the JSON alone on stdout (a pod's log is then the result, ready for
  // `gori load report`); the summary moves to stderr, or nowhere with --quiet.
  const bool json_stdout = f.json == "-";
  if (!json_stdout || !f.quiet) {
    std::fputs(FormatSummary(ctx, *stats, thresholds, results).c_str(),
               json_stdout ? stderr : stdout);
  }
  if (json_stdout) std::fputs(FormatJson(ctx, *stats, thresholds, results).c_str(), stdout);
  std::fflush(stdout);
  if (!f.json.empty() && !json_stdout) {
    if (Status st = WriteFile(f.json, FormatJson(ctx, *stats, thresholds, results)); !st) {
      return Usage(st.error().message);
    }
  }
  if (!f.html.empty()) {
    if (Status st = WriteFile(f.html, FormatHtml(ctx, *stats, thresholds, results)); !st) {
      return Usage(st.error().message);
    }
  }
  if (hlog) {
    if (Status st = WriteFile(f.hlog, hlog->text()); !st) return Usage(st.error().message);
  }
  return ExitCode(*stats, results);
}

int ReportCommand(const std::vector<std::string>& files, const std::vector<std::string>& extra,
                  const std::string& json, const std::string& html) {
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "gori load report: %s\n", message.c_str());
    return 2;
  };
  std::vector<RunResult> runs;
  for (const std::string& path : files) {
    auto src = Source::Read(path);
    if (!src) return fail(src.error().ToString());
    auto run = ReadRunResult(path, (*src)->bytes());
    if (!run) return fail(run.error().ToString());
    runs.push_back(std::move(*run));
  }
  auto merged = MergeRuns(runs);
  if (!merged) return fail(merged.error().ToString());
  for (const std::string& w : merged->warnings) {
    std::fprintf(stderr, "gori load report: warning: %s\n", w.c_str());
  }
  std::vector<Threshold> thresholds;
  std::vector<std::string> exprs = merged->thresholds;
  exprs.insert(exprs.end(), extra.begin(), extra.end());
  for (const std::string& e : exprs) {
    auto t = ParseThreshold(e);
    if (!t) return fail(t.error().message);
    bool seen = false;
    for (const Threshold& have : thresholds) seen = seen || have.expr == t->expr;
    if (!seen) thresholds.push_back(std::move(*t));
  }
  Scenario scenario;
  scenario.name = merged->name;
  ReportContext ctx{&scenario, &merged->options, merged->target};
  const RunStats& stats = merged->stats;
  const auto results = Evaluate(thresholds, [&](const Metric& m) { return stats.Lookup(m); });
  std::string names;
  for (const std::string& p : files) names += (names.empty() ? "" : ", ") + p;
  std::fputs(
      fmt::format("merged {} result{}: {}\n", runs.size(), runs.size() == 1 ? "" : "s", names)
          .c_str(),
      stdout);
  std::fputs(FormatSummary(ctx, stats, thresholds, results).c_str(), stdout);
  std::fflush(stdout);
  if (!json.empty()) {
    if (Status st = WriteFile(json, FormatJson(ctx, stats, thresholds, results)); !st) {
      return fail(st.error().message);
    }
  }
  if (!html.empty()) {
    if (Status st = WriteFile(html, FormatHtml(ctx, stats, thresholds, results)); !st) {
      return fail(st.error().message);
    }
  }
  return ExitCode(stats, results);
}

}  // namespace gori::load
