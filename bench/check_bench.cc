// gori check's pipeline against a bare libyaml event parse of the same bytes (the reference
// the throughput target is a ratio of): the real-world corpus in ../shared/corpus.
#include <yaml.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "guard/guard.h"
#include "k8s/bundle.h"
#include "rules/config.h"
#include "yaml/loader.h"

namespace {

struct Corpus {
  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
  std::size_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::filesystem::path dir = std::filesystem::path(GORI_SOURCE_DIR) / ".." / "shared" / "corpus";
    if (const char* env = std::getenv("GORI_CORPUS")) dir = env;
    std::vector<std::filesystem::path> paths;
    for (auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".yaml") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (auto& p : paths) {
      auto s = gori::Source::Read(p.string());
      if (!s) continue;
      c.files.emplace_back(p.filename().string(), std::string((*s)->bytes()));
      c.bytes += c.files.back().second.size();
    }
    return c;
  }();
  return corpus;
}

void BM_LibyamlEventsOnly(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.files.empty()) return state.SkipWithError("corpus not found (set GORI_CORPUS)");
  for (auto _ : state) {
    std::size_t events = 0;
    for (const auto& [name, bytes] : c.files) {
      yaml_parser_t parser;
      yaml_parser_initialize(&parser);
      yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(bytes.data()),
                                   bytes.size());
      yaml_event_t event;
      for (;;) {
        if (!yaml_parser_parse(&parser, &event)) break;
        bool end = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        ++events;
        if (end) break;
      }
      yaml_parser_delete(&parser);
    }
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_LibyamlEventsOnly)->Unit(benchmark::kMillisecond);

void BM_GoriYamlLoad(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.files.empty()) return state.SkipWithError("corpus not found (set GORI_CORPUS)");
  for (auto _ : state) {
    for (const auto& [name, bytes] : c.files) {
      gori::doc::LoadedFile f;
      f.source = gori::Source::FromString(name, bytes);
      auto st = gori::yaml::Load(f);
      benchmark::DoNotOptimize(st);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_GoriYamlLoad)->Unit(benchmark::kMillisecond);

// The whole of `gori check` minus printing: load, objects, the guard pipeline (index, every
// default rule, suppressions, exemptions).
void BM_GoriCheckEndToEnd(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.files.empty()) return state.SkipWithError("corpus not found (set GORI_CORPUS)");
  gori::guard::Guard guard{gori::rules::Config()};
  const gori::rules::Config& config = guard.config();
  std::size_t findings = 0;
  for (auto _ : state) {
    gori::k8s::Bundle bundle(config.pod_templates);
    for (const auto& [name, bytes] : c.files) {
      bundle.AddSource(gori::Source::FromString(name, bytes));
    }
    bundle.Finish();
    gori::guard::Outcome out = guard.Run(bundle.objects());
    findings = out.findings.size();
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_GoriCheckEndToEnd)->Unit(benchmark::kMillisecond);

// The same with 50 ValidatingAdmissionPolicies bound (bench/testdata/policies50.yaml, made by
// bench/gen_policies.sh from examples/policies): every object of the corpus through every
// binding, besides the default rules.
void BM_GoriCheckPolicies50(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.files.empty()) return state.SkipWithError("corpus not found (set GORI_CORPUS)");
  std::string policies =
      (std::filesystem::path(GORI_SOURCE_DIR) / "bench" / "testdata" / "policies50.yaml").string();
  auto guard = gori::guard::Guard::Create({.policies = {policies}});
  if (!guard || !(*guard)->policy_errors().empty() || (*guard)->policies().policy_count() != 50)
    return state.SkipWithError("bench/testdata/policies50.yaml did not load 50 policies");
  const gori::rules::Config& config = (*guard)->config();
  std::size_t findings = 0;
  for (auto _ : state) {
    gori::k8s::Bundle bundle(config.pod_templates);
    for (const auto& [name, bytes] : c.files) {
      bundle.AddSource(gori::Source::FromString(name, bytes));
    }
    bundle.Finish();
    gori::guard::Outcome out = (*guard)->Run(bundle.objects());
    findings = out.findings.size();
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_GoriCheckPolicies50)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
