// `gori load`: HTTP load tests, quick form (URL and flags) or scenario file (-f). The flags go
// to load::RunCommand (load/command.h), which owns merging, validation, the run and the exit code.
#include <memory>

#include "commands.h"
#include "load/command.h"

namespace gori::app {

void RegisterLoad(CLI::App& app, CommandList& out) {
  auto flags = std::make_shared<load::CommandFlags>();
  flags->image = "gori/gori:" GORI_VERSION;
  CLI::App* sub = app.add_subcommand(
      "load",
      "HTTP load test with honest latency and thresholds (exit 0 held, 99 a threshold failed or "
      "no request succeeded, 2 usage error)");
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
  out.push_back({sub, [flags] { return load::RunCommand(*flags); }});
}

}  // namespace gori::app
