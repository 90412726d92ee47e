// CEL evaluation speed on a 2 KB Deployment read in place (no conversion of the object): the
// simple comparison every policy has, an all() over three containers with optional chains, and
// a typical three-validation policy evaluated the way a policy engine does it (compile once,
// evaluate per object, reset the result arena between objects).
//   ./build/bench/cel_bench
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "base/source.h"
#include "cel/cel.h"
#include "doc/document.h"
#include "yaml/loader.h"

namespace {

constexpr const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-api
  namespace: pay-prod
  labels:
    app.kubernetes.io/name: payments-api
    app.kubernetes.io/part-of: payments
    cost-center: cc-4711
  annotations:
    team: payments
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: payments-api
  template:
    metadata:
      labels:
        app.kubernetes.io/name: payments-api
    spec:
      serviceAccountName: payments-api
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: api
        image: registry.example.com/payments/api:1.42.0
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 250m, memory: 256Mi}
          limits: {cpu: "1", memory: 512Mi}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        readinessProbe:
          httpGet: {path: /healthz, port: 8080}
      - name: sidecar
        image: registry.example.com/platform/envoy:1.29.1
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {cpu: 500m, memory: 128Mi}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
      - name: log-shipper
        image: registry.example.com/platform/fluent-bit:3.0.4
        resources:
          requests: {cpu: 50m, memory: 32Mi}
          limits: {cpu: 200m, memory: 64Mi}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
)";

struct Fixture {
  gori::doc::LoadedFile file;
  gori::cel::Value object;
};

const Fixture& Deployment() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    fx->file.source = gori::Source::FromString("deployment.yaml", kDeployment);
    if (!gori::yaml::Load(fx->file)) std::abort();
    fx->object = gori::cel::Value::FromNode(fx->file.documents.front().root);
    return fx;
  }();
  return *f;
}

gori::cel::Program MustCompile(const std::string& text) {
  gori::cel::Env env;
  env.variables = {"object", "oldObject", "params", "request", "namespaceObject"};
  auto p = gori::cel::Compile(text, env);
  if (!p) std::abort();
  return std::move(*p);
}

const char* kReplicas = "object.spec.replicas >= 2";
const char* kAllContainers =
    "object.spec.template.spec.containers.all(c, "
    "c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)";
const char* kPolicy[] = {
    "object.spec.replicas >= 2",
    "object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))",
    "object.spec.template.spec.containers.all(c, c.?resources.?limits.?memory.hasValue() && "
    "c.?securityContext.?allowPrivilegeEscalation.orValue(true) == false)",
};

void Run(benchmark::State& state, const std::vector<gori::cel::Program>& programs) {
  const Fixture& f = Deployment();
  gori::cel::Evaluator ev;
  gori::cel::Value vars[5] = {f.object};
  for (auto _ : state) {
    for (const auto& p : programs) {
      gori::cel::Value v = ev.Eval(p, vars);
      if (v.kind != gori::cel::Kind::kBool || !v.b) state.SkipWithError("validation did not hold");
      benchmark::DoNotOptimize(v);
    }
    ev.Reset();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CelReplicas(benchmark::State& state) {
  std::vector<gori::cel::Program> p;
  p.push_back(MustCompile(kReplicas));
  Run(state, p);
}
BENCHMARK(BM_CelReplicas);

void BM_CelAllContainersOptional(benchmark::State& state) {
  std::vector<gori::cel::Program> p;
  p.push_back(MustCompile(kAllContainers));
  Run(state, p);
}
BENCHMARK(BM_CelAllContainersOptional);

void BM_CelPolicyThreeValidations(benchmark::State& state) {
  std::vector<gori::cel::Program> p;
  for (const char* e : kPolicy) p.push_back(MustCompile(e));
  Run(state, p);
}
BENCHMARK(BM_CelPolicyThreeValidations);

void BM_CelCompilePolicy(benchmark::State& state) {
  for (auto _ : state) {
    for (const char* e : kPolicy) benchmark::DoNotOptimize(MustCompile(e));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CelCompilePolicy);

}  // namespace

BENCHMARK_MAIN();
