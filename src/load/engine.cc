#include "load/engine.h"

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "load/hdr_codec.h"
#include "load/worker.h"

namespace gori::load {

Result<LoadOptions> ResolveOptions(LoadOptions o) {
  if (o.connections <= 0) o.connections = 10;
  if (o.timeout_ns <= 0) o.timeout_ns = 10'000'000'000;
  if (o.late_slack_ns <= 0) o.late_slack_ns = 1'000'000;
  if (o.warmup_ns < 0) return Fail("the warm-up cannot be negative");
  if (o.shards < 1 || o.shard < 0 || o.shard >= o.shards) {
    return Fail(fmt::format("shard {}/{}: want I/N with 0 <= I < N", o.shard, o.shards));
  }
  if (o.warmup_ns > 0 && o.requests > 0) {
    return Fail("a warm-up needs a run bounded by time (--duration or stages), not --requests");
  }
  // Results are kept per second: the warm-up is rounded up to whole seconds.
  o.warmup_ns = (o.warmup_ns + 999'999'999) / 1'000'000'000 * 1'000'000'000;
  if (o.seed == 0) {
    o.seed = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  if (o.open) {
    if (o.stages.empty()) return Fail("an open-model run needs --rate or --stages");
    if (o.max_connections <= 0) o.max_connections = std::max(o.connections, 256);
    o.max_connections = std::max(o.max_connections, o.connections);
    // A rate without stages is one stage as long as the run.
    for (Stage& s : o.stages) {
      if (s.duration_ns > 0) continue;
      if (o.duration_ns > 0) {
        s.duration_ns = o.duration_ns;
      } else if (o.requests > 0 && s.from_rps > 0) {
        // Long enough for every request at the rate, plus a second of slack.
        s.duration_ns = static_cast<int64_t>(static_cast<double>(o.requests) / s.from_rps * 1e9) +
                        1'000'000'000;
      } else {
        s.duration_ns = 10'000'000'000;
      }
    }
    int64_t total = 0;
    for (const Stage& s : o.stages) total += s.duration_ns;
    if (o.duration_ns <= 0 || o.duration_ns > total) o.duration_ns = total;
    double area = 0;
    for (const Stage& s : o.stages) {
      area += static_cast<double>(s.duration_ns) / 1e9 * (s.from_rps + s.to_rps) / 2;
    }
    if (area <= 0) return Fail("the arrival rate is zero for the whole run: nothing to send");
  } else {
    o.max_connections = o.connections;
    if (o.duration_ns <= 0 && o.requests <= 0) o.duration_ns = 10'000'000'000;
  }
  AddWarmup(o);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (o.threads <= 0) o.threads = cores;
  o.threads = std::min(o.threads, o.open ? o.max_connections : o.connections);
  o.threads = std::max(o.threads, 1);
  return o;
}

void AddWarmup(LoadOptions& o) {
  if (o.warmup_ns <= 0) return;
  if (o.open && !o.stages.empty()) {
    o.stages.insert(o.stages.begin(), {o.warmup_ns, o.stages[0].from_rps, o.stages[0].from_rps});
  }
  o.duration_ns += o.warmup_ns;
}

namespace {

Result<std::pair<std::string, uint16_t>> SplitHostPort(std::string_view hp) {
  std::string_view host, port_text;
  if (hp.starts_with("[")) {
    const std::size_t close = hp.find("]:");
    if (close == std::string_view::npos)
      return Fail(fmt::format("--connect-to '{}': want HOST:PORT", hp));
    host = hp.substr(1, close - 1);
    port_text = hp.substr(close + 2);
  } else {
    const std::size_t colon = hp.rfind(':');
    if (colon == std::string_view::npos)
      return Fail(fmt::format("--connect-to '{}': want HOST:PORT", hp));
    host = hp.substr(0, colon);
    port_text = hp.substr(colon + 1);
  }
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (host.empty() || ec != std::errc() || p != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return Fail(fmt::format("--connect-to '{}': want HOST:PORT with a port 1-65535", hp));
  }
  return std::pair<std::string, uint16_t>(std::string(host), static_cast<uint16_t>(port));
}

bool Ready(const RunShared& s, int64_t k) {
  bool any = false;
  for (std::size_t w = 0; w < s.queues.size(); ++w) {
    if (!s.queues[w].empty()) {
      if (s.queues[w].front()->index != k) return false;
      any = true;
    } else if (!s.done[w]) {
      return false;
    }
  }
  return any;
}

bool AllDone(const RunShared& s) {
  for (std::size_t w = 0; w < s.queues.size(); ++w) {
    if (!s.done[w] || !s.queues[w].empty()) return false;
  }
  return true;
}

}  // namespace

Result<RunStats> Run(const Scenario& scenario, const RunSettings& settings, const RunHooks& hooks) {
  RunShared shared;
  shared.scenario = &scenario;
  shared.options = settings.load;
  const LoadOptions& o = shared.options;
  if (!settings.unix_socket.empty()) {
    auto a = net::SocketAddress::Unix(settings.unix_socket);
    if (!a) return tl::unexpected(a.error());
    shared.addresses.push_back(*a);
  } else {
    std::string host = scenario.url.host;
    uint16_t port = scenario.url.port;
    if (!settings.connect_to.empty()) {
      auto hp = SplitHostPort(settings.connect_to);
      if (!hp) return tl::unexpected(hp.error());
      host = hp->first;
      port = hp->second;
    }
    auto addrs = net::SocketAddress::Resolve(host, port);
    if (!addrs) return Fail(fmt::format("cannot resolve {}: {}", host, addrs.error().message));
    if (addrs->empty()) return Fail(fmt::format("{} has no address", host));
    shared.addresses = std::move(*addrs);
  }
  shared.http = settings.http;
  shared.h2c = !scenario.url.tls && (scenario.url.h2c || settings.http == HttpVersion::k2);
  if (scenario.url.grpc) {
    if (settings.http == HttpVersion::k1) return Fail("gRPC needs HTTP/2, not --http 1.1");
    shared.http = HttpVersion::k2;
  }
  if (shared.h2c && settings.http == HttpVersion::k1) {
    return Fail("h2c:// is HTTP/2 with prior knowledge: --http 1.1 contradicts it");
  }
  shared.streams = std::max(1, settings.streams);
  // One method per distinct step path (/package.Service/Method), loaded once.
  std::vector<std::pair<std::string, std::unique_ptr<grpc::Method>>> grpc_methods;
  if (scenario.url.grpc) {
    if (settings.proto_file.empty() == settings.protoset_file.empty()) {
      return Fail("a grpc:// target needs --proto FILE or --protoset FILE (one of them)");
    }
    for (const Step& st : scenario.steps) {
      const std::string path = st.request.StaticTarget();
      if (path.empty()) {
        return Fail(
            fmt::format("step '{}': a gRPC step needs a fixed path "
                        "/package.Service/Method (no template slots)",
                        st.name));
      }
      const grpc::Method* m = nullptr;
      for (const auto& [p, method] : grpc_methods) {
        if (p == path) m = method.get();
      }
      if (m == nullptr) {
        auto loaded =
            settings.proto_file.empty()
                ? grpc::Method::FromProtoset(settings.protoset_file, path)
                : grpc::Method::FromProto(settings.proto_file, settings.proto_paths, path);
        if (!loaded) return tl::unexpected(loaded.error());
        if ((*loaded)->client_streaming()) {
          return Fail(fmt::format("{} is a client-streaming method; gori load sends unary calls",
                                  (*loaded)->full_name()));
        }
        m = loaded->get();
        grpc_methods.emplace_back(path, std::move(*loaded));
      }
      // A body without template slots is checked here, so a typo fails the run at once.
      if (st.request.shape() == CompiledRequest::Shape::kStatic) {
        CompiledRequest::Scratch scratch;
        const std::string_view bytes = st.request.Render(TemplateContext{}, scratch);
        const std::size_t at = bytes.find("\r\n\r\n");
        std::string framed;
        if (auto e = m->Encode(bytes.substr(at + 4), framed); !e) {
          return Fail(fmt::format("step '{}': {}", st.name, e.error().message));
        }
      }
      shared.grpc.push_back(m);
    }
  }
  if (scenario.url.tls) {
    net::TlsClientOptions tls;
    tls.ca_file = settings.tls_ca_file;
    tls.verify = settings.tls_verify;
    tls.server_name = scenario.url.host;
    if (shared.http == HttpVersion::k2) {
      tls.alpn = {"h2"};
    } else if (shared.http == HttpVersion::kAuto) {
      tls.alpn = {"h2", "http/1.1"};
    }
    auto ctx = net::TlsClientContext::Create(tls);
    if (!ctx) return Fail("TLS: " + ctx.error().message);
    shared.tls = std::move(*ctx);
  }
  // Each connection is a descriptor: lift the soft limit towards the hard one when the run
  // may need more than the default 1024.
  rlimit files{};
  const auto wanted = static_cast<rlim_t>(o.max_connections) + 64;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < wanted) {
    files.rlim_cur = std::min(wanted, files.rlim_max);
    setrlimit(RLIMIT_NOFILE, &files);
  }
  const int threads = std::max(1, o.threads);
  shared.threads = threads;
  const auto n = static_cast<std::size_t>(threads);
  shared.queues.resize(n);
  shared.done.assign(n, false);
  shared.steps.resize(n);
  shared.iterations.resize(n);
  shared.finish_us.assign(n, 0);
  shared.in_flight = std::make_unique<std::atomic<int64_t>[]>(n);

  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < threads; ++i) {
    auto loop = net::EventLoop::Create();
    if (!loop) return Fail("cannot create an event loop: " + loop.error().message);
    workers.push_back(std::make_unique<Worker>(shared, i, std::move(*loop)));
  }
  // Every worker starts its clock at the same instant, a little ahead so threads are up.
  shared.start_us = net::EventLoop::NowUs() + 20'000;
  std::vector<std::thread> thread_list;
  for (auto& w : workers) thread_list.emplace_back([&w] { w->Run(); });

  RunStats stats;
  for (const Step& s : scenario.steps) stats.step_names.push_back(s.name);
  stats.steps.resize(scenario.steps.size());
  std::unique_ptr<ArrivalSchedule> rate_curve;
  if (o.open) rate_curve = std::make_unique<ArrivalSchedule>(o.stages, o.arrivals, 1);

  const int64_t warmup_s = o.warmup_ns / 1'000'000'000;
  int64_t k = 0;
  bool aborted = false;
  while (true) {
    IntervalStats second;
    {
      std::unique_lock<std::mutex> lock(shared.mu);
      shared.cv.wait_for(lock, std::chrono::milliseconds(200),
                         [&] { return Ready(shared, k) || AllDone(shared); });
      if (!Ready(shared, k)) {
        if (AllDone(shared)) break;
        continue;
      }
      second.index = k;
      for (auto& q : shared.queues) {
        if (!q.empty()) {
          second.Add(*q.front());
          q.pop_front();
        }
      }
    }
    int64_t in_flight = 0;
    for (std::size_t i = 0; i < n; ++i) {
      in_flight += shared.in_flight[i].load(std::memory_order_relaxed);
    }
    if (k < warmup_s) {  // warm-up seconds are not results
      if (hooks.on_warmup_second) hooks.on_warmup_second(second, in_flight);
      ++k;
      continue;
    }
    second.index = k - warmup_s;
    stats.total.Add(second);
    IntervalRow row;
    row.second = k - warmup_s;
    row.requests = second.requests;
    row.errors = second.errors;
    // A shard's target is its share of the schedule.
    row.target_rps =
        rate_curve ? rate_curve->RateAt(k * 1'000'000'000 + 500'000'000) / o.shards : 0;
    row.p50_us = second.latency.ValueAtPercentile(50);
    row.p90_us = second.latency.ValueAtPercentile(90);
    row.p99_us = second.latency.ValueAtPercentile(99);
    row.max_us = second.latency.Max();
    row.service_p99_us = second.service.ValueAtPercentile(99);
    row.latency_hdr = EncodeBase64Histogram(second.latency);
    row.service_hdr = EncodeBase64Histogram(second.service);
    stats.intervals.push_back(row);
    stats.duration_s = static_cast<double>(k + 1 - warmup_s);
    if (hooks.on_second && !aborted) {
      if (!hooks.on_second(stats, second, in_flight)) {
        aborted = true;
        for (auto& w : workers) w->RequestAbort();
      }
    }
    ++k;
  }
  for (auto& t : thread_list) t.join();

  int64_t last_us = shared.start_us;
  for (std::size_t i = 0; i < n; ++i) {
    last_us = std::max(last_us, shared.finish_us[i]);
    for (std::size_t s = 0; s < shared.steps[i].size() && s < stats.steps.size(); ++s) {
      stats.steps[s].Add(shared.steps[i][s]);
    }
    (void)stats.iteration.Add(shared.iterations[i]);
  }
  stats.duration_s =
      std::max(0.0, static_cast<double>(last_us - shared.start_us - o.warmup_ns / 1000) / 1e6);
  stats.aborted = aborted;
  stats.error_examples = shared.error_examples;
  const uint32_t used = shared.protocols.load();
  stats.protocol = used & 4 ? "h2c" : used & 2 ? "h2" : used & 1 ? "http/1.1" : "";
  stats.grpc = scenario.url.grpc;
  return stats;
}

}  // namespace gori::load
