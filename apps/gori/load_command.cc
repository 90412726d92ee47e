// `gori load`: HTTP load tests, quick form (URL and flags) or scenario file (-f). Exit codes:
// 0 every threshold held, 99 a threshold failed, 2 usage or input error.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "base/source.h"
#include "commands.h"
#include "load/engine.h"
#include "load/hdr_codec.h"
#include "load/html_report.h"
#include "load/k8s_job.h"
#include "load/report.h"
#include "load/scenario.h"
#include "load/threshold.h"
#include "load/units.h"

namespace gori::app {
namespace {

struct LoadFlags {
  std::string url;
  std::string file;
  int connections = 0;
  int threads = 0;
  int max_connections = 0;
  std::string duration;
  std::string warmup;
  std::string shard;
  std::string start_at;
  int emit_k8s = 0;
  std::string image = "gori/gori:" GORI_VERSION;
  std::string k8s_namespace;
  std::string start_in = "2m";
  int64_t requests = 0;
  std::string rate;
  std::string stages;
  std::string arrivals;
  std::string method = "GET";
  std::vector<std::string> headers;
  std::string body;
  std::string timeout;
  std::vector<std::string> thresholds;
  std::string json;
  std::string html;
  std::string hlog;
  std::string cacert;
  std::string http = "auto";
  int streams = 0;
  std::string proto;
  std::vector<std::string> proto_paths;
  std::string protoset;
  std::string unix_socket;
  std::string connect_to;
  bool insecure = false;
  bool drop_late = false;
  bool quiet = false;
  uint64_t seed = 0;
};

int Usage(const std::string& message) {
  std::fprintf(stderr, "gori load: %s\n", message.c_str());
  return 2;
}

// `--emit-k8s N -f scenario.yaml`: the manifests of a distributed run on stdout.
int EmitK8s(const LoadFlags& f) {
  using namespace gori::load;
  if (f.file.empty() || !f.url.empty()) {
    return Usage("--emit-k8s needs a scenario file (-f), which the pods read from a ConfigMap");
  }
  // Read once: the pods get exactly the bytes that were checked here.
  auto text = Source::Read(f.file);
  if (!text) return Usage(text.error().ToString());
  auto scenario = ParseScenario((*text)->bytes(), (*text)->name(),
                                std::filesystem::path(f.file).parent_path().string());
  if (!scenario) return Usage(scenario.error().ToString());
  auto lead = ParseDuration(f.start_in);
  if (!lead) return Usage(lead.error().message);
  JobSpec spec;
  spec.shards = f.emit_k8s;
  spec.name = JobName(scenario->name);
  spec.namespace_ = f.k8s_namespace;
  spec.image = f.image;
  spec.scenario_yaml = std::string((*text)->bytes());
  if (!scenario->data_csv.empty()) {
    auto csv = Source::Read(scenario->data_csv_path);
    if (!csv) return Usage(csv.error().ToString());
    spec.csv_name = scenario->data_csv;
    spec.csv_text = std::string((*csv)->bytes());
  }
  const auto start = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() +
                                                              std::chrono::nanoseconds(*lead));
  spec.start_at = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", start);
  auto yaml = EmitJob(spec);
  if (!yaml) return Usage(yaml.error().message);
  std::fputs(yaml->c_str(), stdout);
  return 0;
}

int RunLoad(const LoadFlags& f, CLI::App& sub) {
  using namespace gori::load;
  if (f.file.empty() == f.url.empty()) {
    return Usage(f.file.empty() ? "give a URL or a scenario file (-f scenario.yaml)"
                                : "give either a URL or -f scenario.yaml, not both");
  }
  if (sub.count("--duration") && sub.count("--requests")) {
    return Usage("use -d DURATION or -n REQUESTS, not both");
  }
  if (sub.count("--rate") && sub.count("--stages"))
    return Usage("use --rate or --stages, not both");

  if (sub.count("--emit-k8s")) return EmitK8s(f);

  Result<Scenario> scenario = Fail("");
  if (!f.file.empty()) {
    if (sub.count("--method") || sub.count("--header") || sub.count("--body")) {
      return Usage("-m, -H and --body belong to the quick form; a scenario sets them per step");
    }
    scenario = LoadScenarioFile(f.file);
  } else {
    std::string body = f.body;
    if (body.starts_with("@")) {
      auto src = Source::Read(body.substr(1));
      if (!src) return Usage(src.error().ToString());
      body = std::string((*src)->bytes());
    }
    scenario = QuickScenario(f.url, f.method, f.headers, body);
  }
  if (!scenario) return Usage(scenario.error().ToString());

  LoadOptions o = scenario->load;
  if (sub.count("--connections")) o.connections = f.connections;
  if (sub.count("--threads")) o.threads = f.threads;
  if (sub.count("--max-connections")) o.max_connections = f.max_connections;
  if (sub.count("--requests")) {
    o.requests = f.requests;
    o.duration_ns = 0;
  }
  if (sub.count("--duration")) {
    auto d = ParseDuration(f.duration);
    if (!d) return Usage(d.error().message);
    if (*d <= 0) return Usage("-d must be positive");
    o.duration_ns = *d;
    o.requests = 0;
    // A duration given on the command line cuts a scenario's stages short.
  }
  if (sub.count("--rate")) {
    auto r = ParseRate(f.rate);
    if (!r) return Usage(r.error().message);
    if (*r <= 0) return Usage("--rate must be positive");
    o.open = true;
    o.stages = {{0, *r, *r}};
  }
  if (sub.count("--stages")) {
    auto s = ParseStages(f.stages);
    if (!s) return Usage(s.error().message);
    o.open = true;
    o.stages = *s;
  }
  if (sub.count("--arrivals")) {
    o.arrivals = f.arrivals == "poisson" ? Arrivals::kPoisson : Arrivals::kConstant;
  }
  if (sub.count("--timeout")) {
    auto t = ParseDuration(f.timeout);
    if (!t) return Usage(t.error().message);
    if (*t <= 0) return Usage("--timeout must be positive");
    o.timeout_ns = *t;
  }
  if (sub.count("--warmup")) {
    auto w = ParseDuration(f.warmup);
    if (!w) return Usage(w.error().message);
    if (*w < 0) return Usage("--warmup cannot be negative");  // 0 turns a scenario's off
    o.warmup_ns = *w;
  }
  if (sub.count("--shard")) {
    auto s = ParseShard(f.shard);
    if (!s) return Usage(s.error().message);
    o.shard = s->index;
    o.shards = s->count;
  }
  std::optional<double> start_at;
  if (sub.count("--start-at")) {
    auto t = ParseInstant(f.start_at);
    if (!t) return Usage(t.error().message);
    start_at = *t;
  }
  if (f.drop_late) o.drop_late = true;
  if (sub.count("--seed")) o.seed = f.seed;
  if (o.drop_late && !o.open) return Usage("--drop-late needs an open model (--rate or --stages)");
  auto resolved = ResolveOptions(o);
  if (!resolved) return Usage(resolved.error().message);
  o = *resolved;

  std::vector<Threshold> thresholds = scenario->thresholds;
  for (const std::string& t : f.thresholds) {
    auto parsed = ParseThreshold(t);
    if (!parsed) return Usage(parsed.error().message);
    if (!parsed->metric.step.empty()) {
      bool known = false;
      for (const auto& s : scenario->steps) known = known || s.name == parsed->metric.step;
      if (!known) {
        return Usage(fmt::format("threshold '{}' names step '{}', which the scenario does not have",
                                 parsed->expr, parsed->metric.step));
      }
    }
    thresholds.push_back(std::move(*parsed));
  }

  RunSettings settings;
  settings.load = o;
  settings.tls_verify = !f.insecure;
  settings.tls_ca_file = f.cacert;
  settings.http = f.http == "2"     ? HttpVersion::k2
                  : f.http == "1.1" ? HttpVersion::k1
                                    : HttpVersion::kAuto;
  settings.streams = f.streams;
  settings.proto_file = f.proto;
  settings.proto_paths = f.proto_paths;
  settings.protoset_file = f.protoset;
  settings.unix_socket = f.unix_socket;
  settings.connect_to = f.connect_to;
  if (!scenario->url.grpc && (!f.proto.empty() || !f.protoset.empty())) {
    return Usage("--proto and --protoset describe a grpc:// or grpcs:// target");
  }
  ReportContext ctx{&*scenario, &settings.load, f.url.empty() ? f.file : f.url};

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
      if (tty) {
        std::fprintf(stderr, "\r\033[K%s", line.c_str());
      } else {
        std::fprintf(stderr, "%s\n", line.c_str());
      }
      std::fflush(stderr);
    }
    if (scenario->abort_on_fail && !thresholds.empty()) {
      for (const auto& r :
           Evaluate(thresholds, [&](const Metric& m) { return so_far.Lookup(m); })) {
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
  if (start_at) {
    // Shards of a distributed run start on the same wall-clock instant so that their seconds
    // line up when `gori load report` merges them; one that is late would skew every second.
    const double now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (*start_at < now - 1.0) {
      return Usage(fmt::format("--start-at {} passed {:.1f}s ago", f.start_at, now - *start_at));
    }
    if (*start_at > now + 86400) return Usage("--start-at is more than a day away");
    if (!f.quiet) std::fprintf(stderr, "waiting until %s to start\n", f.start_at.c_str());
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::duration<double>(*start_at))));
  }
  auto stats = Run(*scenario, settings, hooks);
  if (!f.quiet && tty) std::fprintf(stderr, "\n");
  if (!stats) return Usage(stats.error().ToString());

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
  if (!f.json.empty() && !json_stdout &&
      !WriteTextFile(f.json, FormatJson(ctx, *stats, thresholds, results))) {
    return Usage(fmt::format("cannot write {}", f.json));
  }
  if (!f.html.empty() && !WriteTextFile(f.html, FormatHtml(ctx, *stats, thresholds, results))) {
    return Usage(fmt::format("cannot write {}", f.html));
  }
  if (hlog && !WriteTextFile(f.hlog, hlog->text()))
    return Usage(fmt::format("cannot write {}", f.hlog));
  for (const auto& r : results) {
    if (!r.ok) return 99;
  }
  return 0;
}

}  // namespace

void RegisterLoad(CLI::App& app, CommandList& out) {
  auto flags = std::make_shared<LoadFlags>();
  CLI::App* sub = app.add_subcommand(
      "load", "HTTP load test with honest latency and thresholds (exit 0 held, 99 failed)");
  sub->footer(
      "Examples:\n"
      "  gori load http://127.0.0.1:8080/ -c 50 -d 30s                   closed loop (like wrk)\n"
      "  gori load http://127.0.0.1:8080/ --rate 2000 -d 1m \\\n"
      "      --threshold 'latency.p99 < 50ms' --threshold 'error_rate < 0.1%'\n"
      "  gori load https://127.0.0.1:8443/ --rate 20000 -c 64 --warmup 2s -d 30s \\\n"
      "      --cacert ca.crt                    latency at a rate, handshakes left out\n"
      "  gori load http://127.0.0.1:8080/pay -m POST -H 'content-type: application/json' \\\n"
      "      --body @order.json --stages 30s:0-500,2m:500 --arrivals poisson --json out.json\n"
      "  gori load h2c://127.0.0.1:8080/ --streams 10 -c 10 -d 30s        HTTP/2, 100 in flight\n"
      "  gori load https://127.0.0.1:8443/ --http 2 --streams 100 -k --rate 5000 -d 1m\n"
      "  gori load grpc://127.0.0.1:50051/shop.Payments/Pay --proto pay.proto \\\n"
      "      --body '{\"order_id\": \"{{uuid}}\", \"amount\": 1500}' -H 'x-tenant: t1' \\\n"
      "      --rate 1000 -d 30s --threshold 'grpc_status.UNAVAILABLE < 0.1%'\n"
      "  gori load -f scenario.yaml\n"
      "  gori load -f scenario.yaml --shard 0/4 --start-at 2026-11-26T14:00:00Z -q --json=- \\\n"
      "      > shard-0.json                      one of 4 machines; then gori load report\n"
      "Thresholds: latency.pNN service_time.pNN latency.max error_rate rps late dropped\n"
      "  step.NAME.latency.pNN grpc_status.CODE (or grpc_status{code=\"CODE\"}), with\n"
      "  < <= > >= == and units us ms s %.");
  sub->add_option("url", flags->url,
                  "target URL: http://, https://, h2c:// (HTTP/2 prior knowledge), "
                  "grpc://HOST:PORT/package.Service/Method or grpcs://");
  sub->add_option("-f,--file", flags->file, "scenario file (YAML)");
  sub->add_option("-c,--connections", flags->connections,
                  "connections (closed model) or connections opened at start (open model)")
      ->check(CLI::Range(1, 1'000'000));
  sub->add_option("-t,--threads", flags->threads, "worker threads (default: cores)")
      ->check(CLI::Range(1, 4096));
  sub->add_option("--max-connections", flags->max_connections,
                  "open model: most connections to open when arrivals queue (default 256)")
      ->check(CLI::Range(1, 1'000'000));
  sub->add_option("-d,--duration", flags->duration, "run for this long (e.g. 30s, 2m)");
  sub->add_option("--emit-k8s", flags->emit_k8s,
                  "print a Kubernetes Indexed Job running the scenario (-f) as N shards, and "
                  "exit")
      ->check(CLI::Range(1, 1000));
  sub->add_option("--image", flags->image,
                  "--emit-k8s: the gori image (default gori/gori:VERSION)");
  sub->add_option("--namespace", flags->k8s_namespace, "--emit-k8s: namespace of the objects");
  sub->add_option("--start-in", flags->start_in,
                  "--emit-k8s: the shards start this long after the manifests are printed "
                  "(default 2m)");
  sub->add_option("--shard", flags->shard,
                  "distributed run: this process is shard I of N (I/N, 0-based) and sends every "
                  "N-th arrival of the schedule; merge the results with gori load report");
  sub->add_option("--start-at", flags->start_at,
                  "start on this wall-clock instant (UTC 2026-11-26T14:00:00Z or @EPOCH), so the "
                  "shards of a distributed run line up");
  sub->add_option("--warmup", flags->warmup,
                  "run this long first (whole seconds) and leave it out of every result: "
                  "connections and TLS handshakes are done before measuring");
  sub->add_option("-n,--requests", flags->requests, "stop after this many requests (iterations)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 50));
  sub->add_option("--rate", flags->rate, "open model: requests per second");
  sub->add_option("--stages", flags->stages, "open model: rate stages, e.g. 30s:0-500,2m:500");
  sub->add_option("--arrivals", flags->arrivals, "open model arrivals: constant or poisson")
      ->check(CLI::IsMember({"constant", "poisson"}));
  sub->add_option("-m,--method", flags->method, "HTTP method (default GET)");
  sub->add_option("-H,--header", flags->headers, "request header 'Name: value' (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--body", flags->body, "request body, or @FILE to read it from a file");
  sub->add_option("--timeout", flags->timeout, "per-request timeout (default 10s)");
  sub->add_option("--threshold", flags->thresholds, "'METRIC OP VALUE' (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--json", flags->json,
                  "write the full result as JSON to FILE ('-': stdout, the summary to stderr)");
  sub->add_option("--html", flags->html,
                  "write a self-contained HTML report with latency and throughput plots to FILE");
  sub->add_option("--hlog", flags->hlog, "write per-second HdrHistogram interval log to FILE");
  sub->add_flag("--drop-late", flags->drop_late,
                "open model: drop arrivals no connection can take in time (counted as dropped)");
  sub->add_option("--http", flags->http,
                  "HTTP version: 2 (h2 by ALPN over TLS, prior knowledge otherwise), 1.1, or auto "
                  "(default: h2 when the TLS server offers it)")
      ->check(CLI::IsMember({"2", "1.1", "auto"}));
  sub->add_option("--streams", flags->streams,
                  "HTTP/2: concurrent streams per connection (default 1; capped by the server's "
                  "SETTINGS_MAX_CONCURRENT_STREAMS)")
      ->check(CLI::Range(1, 65536));
  sub->add_option("--proto", flags->proto, "gRPC: the .proto file describing the method");
  sub->add_option("--proto-path", flags->proto_paths,
                  "gRPC: a folder --proto's imports resolve against (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--protoset", flags->protoset,
                  "gRPC: a descriptor set (protoc --include_imports --descriptor_set_out)");
  sub->add_option("--unix-socket", flags->unix_socket,
                  "connect to this Unix domain socket instead of the URL's host (any protocol)");
  sub->add_option("--connect-to", flags->connect_to,
                  "connect to HOST:PORT instead of the URL's host and port (Host, SNI and "
                  ":authority stay the URL's)");
  sub->add_flag("-k,--insecure", flags->insecure, "https: do not verify the certificate");
  sub->add_option("--cacert", flags->cacert, "https: CA bundle to verify the server with");
  sub->add_option("--seed", flags->seed, "random seed (Poisson arrivals, templates)");
  sub->add_flag("-q,--quiet", flags->quiet, "no progress line");
  // `gori load report` is checked first: when it is parsed, so is `load`.
  RegisterLoadReport(*sub, out);
  out.push_back({sub, [flags, sub] { return RunLoad(*flags, *sub); }});
}

}  // namespace gori::app
