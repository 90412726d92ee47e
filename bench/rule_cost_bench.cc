// What each active rule costs on one realistic, clean Deployment (the webhook's common case:
// an admission review that passes). A rule that formats strings or allocates before it knows
// it has something to report shows up here long before it shows in an end-to-end run.
//   ./build/bench/rule_cost_bench --benchmark_filter=BM_Rule/ | sort -k2 -n
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/source.h"
#include "doc/document.h"
#include "json/loader.h"
#include "k8s/object.h"
#include "rules/config.h"
#include "rules/engine.h"
#include "rules/index.h"
#include "rules/rule.h"

namespace {

struct Fixture {
  gori::doc::LoadedFile file;
  gori::doc::Document object;
  std::vector<gori::k8s::Object> objects;
};

// The request.object of the webhook's clean Deployment review, as the webhook sees it.
const Fixture& CleanDeployment(const gori::rules::Config& config) {
  static Fixture* f = [&] {
    auto* fx = new Fixture;
    std::ifstream in(std::string(GORI_SOURCE_DIR) + "/tests/testdata/webhook/create_clean.json");
    std::stringstream ss;
    ss << in.rdbuf();
    fx->file.source = gori::Source::FromString("review.json", ss.str());
    if (!gori::json::Load(fx->file)) std::abort();
    const gori::doc::Node* obj = fx->file.documents.front().root->Path({"request", "object"});
    fx->object.source = fx->file.source.get();
    fx->object.root = obj;
    gori::k8s::CollectObjects(fx->object, config.pod_templates, fx->objects);
    return fx;
  }();
  return *f;
}

void RunRule(benchmark::State& state, const gori::rules::Rule* rule) {
  static const gori::rules::Config config;
  const Fixture& f = CleanDeployment(config);
  gori::rules::Index index(f.objects, config.complete_bundle);
  gori::rules::Context ctx{config, index};
  std::vector<gori::rules::Finding> findings;
  for (auto _ : state) {
    findings.clear();
    gori::rules::Sink sink(findings);
    for (const gori::k8s::Object& o : f.objects) rule->Check(ctx, o, sink);
    benchmark::DoNotOptimize(findings.data());
  }
}

void BM_EngineAllRules(benchmark::State& state) {
  static const gori::rules::Config config;
  const Fixture& f = CleanDeployment(config);
  gori::rules::Engine engine(config);
  std::vector<gori::rules::Finding> findings;
  for (auto _ : state) {
    findings.clear();
    engine.Run(f.objects, findings);
    benchmark::DoNotOptimize(findings.data());
  }
  state.counters["rules"] = static_cast<double>(engine.active().size());
}
BENCHMARK(BM_EngineAllRules);

void BM_IndexOneObject(benchmark::State& state) {
  static const gori::rules::Config config;
  const Fixture& f = CleanDeployment(config);
  for (auto _ : state) {
    gori::rules::Index index(f.objects, config.complete_bundle);
    benchmark::DoNotOptimize(&index);
  }
}
BENCHMARK(BM_IndexOneObject);

[[maybe_unused]] const bool registered = [] {
  static const gori::rules::Config config;
  static const gori::rules::Engine engine(config);
  for (const gori::rules::Rule* r : engine.active()) {
    benchmark::RegisterBenchmark(("BM_Rule/" + std::string(r->Info().id)).c_str(), RunRule, r);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
