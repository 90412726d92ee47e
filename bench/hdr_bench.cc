// Cost of gori load's HDR histogram on the hot path (Record) and at report time (percentile,
// merge, V2 encoding). Values are microseconds, log-normally spread like real latencies.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "load/hdr_codec.h"
#include "load/hdr_histogram.h"

namespace {

std::vector<int64_t> Latencies(std::size_t n) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> dist(7.0, 1.5);  // median ~1.1 ms, long tail
  std::vector<int64_t> v(n);
  for (auto& x : v) x = static_cast<int64_t>(dist(rng));
  return v;
}

void BM_HdrRecord(benchmark::State& state) {
  const auto values = Latencies(4096);
  gori::load::HdrHistogram h;
  std::size_t i = 0;
  for (auto _ : state) {
    h.Record(values[i++ & 4095]);
  }
  benchmark::DoNotOptimize(h.TotalCount());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HdrRecord);

void BM_HdrValueAtPercentile(benchmark::State& state) {
  gori::load::HdrHistogram h;
  for (int64_t v : Latencies(1'000'000)) h.Record(v);
  const double p = static_cast<double>(state.range(0)) / 10.0;
  for (auto _ : state) benchmark::DoNotOptimize(h.ValueAtPercentile(p));
}
BENCHMARK(BM_HdrValueAtPercentile)->Arg(500)->Arg(990)->Arg(999);

void BM_HdrMerge(benchmark::State& state) {
  gori::load::HdrHistogram a, b;
  for (int64_t v : Latencies(100'000)) b.Record(v);
  for (auto _ : state) {
    benchmark::DoNotOptimize(a.Add(b));
  }
}
BENCHMARK(BM_HdrMerge);

void BM_HdrEncodeCompressed(benchmark::State& state) {
  gori::load::HdrHistogram h;
  for (int64_t v : Latencies(100'000)) h.Record(v);
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto s = gori::load::EncodeBase64Histogram(h);
    bytes = s.size();
    benchmark::DoNotOptimize(s);
  }
  state.counters["base64_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_HdrEncodeCompressed);

}  // namespace

BENCHMARK_MAIN();
