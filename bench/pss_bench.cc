// Cost of judging one realistic pod against the Pod Security Standards: every control of a
// level at one version (pss::EvaluatePod), for a pod that passes (the common case in CI: no
// allocation) and one that fails several controls (messages are built), and the same through
// the engine with the 19 pss-* rules (index, policy lookup per rule, findings).
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/source.h"
#include "k8s/object.h"
#include "rules/config.h"
#include "rules/engine.h"
#include "rules/pss/lib/controls.h"
#include "yaml/loader.h"

// Counts heap allocations so the report shows allocations per evaluation (`allocs`).
std::atomic<uint64_t> g_allocations{0};

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace gori;

// Reports heap allocations per iteration of the timed loop.
class AllocationCounter {
 public:
  explicit AllocationCounter(benchmark::State& state)
      : state_(state), start_(g_allocations.load(std::memory_order_relaxed)) {}
  ~AllocationCounter() {
    uint64_t n = g_allocations.load(std::memory_order_relaxed) - start_;
    state_.counters["allocs"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kAvgIterations);
  }

 private:
  benchmark::State& state_;
  uint64_t start_;
};

// A payments API Deployment as teams write it: an init container, an app and a sidecar,
// probes, volumes, annotations, a restricted-clean security context.
constexpr char kCleanPod[] = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: payment-api
  namespace: payments
  labels: {app: payment-api, team: pay}
spec:
  replicas: 3
  selector: {matchLabels: {app: payment-api}}
  template:
    metadata:
      labels: {app: payment-api, team: pay}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
        container.apparmor.security.beta.kubernetes.io/api: runtime/default
    spec:
      serviceAccountName: payment-api
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
        sysctls:
        - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
      initContainers:
      - name: migrate
        image: registry.example/payment-api:1.42.0
        command: [/app/migrate]
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
      containers:
      - name: api
        image: registry.example/payment-api:1.42.0
        ports:
        - {name: http, containerPort: 8080}
        - {name: metrics, containerPort: 9090}
        resources:
          requests: {cpu: 250m, memory: 256Mi}
          limits: {memory: 512Mi}
        livenessProbe:
          httpGet: {path: /healthz, port: http}
        readinessProbe:
          httpGet: {path: /ready, port: http}
        lifecycle:
          preStop:
            exec: {command: [sleep, "5"]}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
        volumeMounts:
        - {name: tmp, mountPath: /tmp}
        - {name: config, mountPath: /etc/payment-api}
      - name: proxy
        image: registry.example/envoy:1.30.1
        ports:
        - {name: admin, containerPort: 9901}
        readinessProbe:
          tcpSocket: {port: 9901}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
      volumes:
      - name: tmp
        emptyDir: {medium: Memory}
      - name: config
        configMap: {name: payment-api}
      - name: token
        projected:
          sources:
          - serviceAccountToken: {path: token, expirationSeconds: 3600}
)";

// The same shape with the usual mistakes: no pod security context, a root init container, a
// hostPath, a host port, an added capability.
constexpr char kDirtyPod[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: legacy, namespace: payments}
spec:
  selector: {matchLabels: {app: legacy}}
  template:
    metadata:
      labels: {app: legacy}
    spec:
      initContainers:
      - name: chown
        image: busybox:1.36
        securityContext: {runAsUser: 0}
      containers:
      - name: app
        image: registry.example/legacy:3.1
        ports:
        - {containerPort: 8080, hostPort: 8080}
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
        securityContext:
          capabilities: {add: [NET_ADMIN]}
      - name: logs
        image: registry.example/fluent-bit:2.2
        securityContext: {allowPrivilegeEscalation: false}
      volumes:
      - name: varlog
        hostPath: {path: /var/log}
      - name: tmp
        emptyDir: {}
)";

struct Loaded {
  doc::LoadedFile file;
  std::vector<k8s::Object> objects;
};

std::unique_ptr<Loaded> Load(const char* yaml) {
  auto l = std::make_unique<Loaded>();
  l->file.source = Source::FromString("bench.yaml", yaml);
  if (!yaml::Load(l->file)) throw std::runtime_error("bench fixture does not parse");
  for (const auto& d : l->file.documents) {
    k8s::CollectObjects(d, k8s::BuiltinPodTemplatePaths(), l->objects);
  }
  if (l->objects.size() != 1 || !l->objects[0].pod()) throw std::runtime_error("no pod");
  return l;
}

void Evaluate(benchmark::State& state, const char* yaml, rules::pss::Level level,
              std::size_t want_violations) {
  auto loaded = Load(yaml);
  const k8s::PodSpec& pod = *loaded->objects[0].pod();
  const uint32_t minor = rules::pss::kNewestMinor;
  if (rules::pss::EvaluatePod(level, minor, pod).size() != want_violations) {
    state.SkipWithError("unexpected verdict");
    return;
  }
  AllocationCounter allocs(state);
  for (auto _ : state) {
    auto violations = rules::pss::EvaluatePod(level, minor, pod);
    benchmark::DoNotOptimize(violations.data());
  }
}

void BM_PssRestrictedPassingPod(benchmark::State& state) {
  Evaluate(state, kCleanPod, rules::pss::Level::kRestricted, 0);
}
void BM_PssBaselinePassingPod(benchmark::State& state) {
  Evaluate(state, kCleanPod, rules::pss::Level::kBaseline, 0);
}
void BM_PssRestrictedFailingPod(benchmark::State& state) {
  Evaluate(state, kDirtyPod, rules::pss::Level::kRestricted, 7);
}

// The 19 pss-* rules through the engine for one object (Index build, policy lookup, sort).
void BM_PssRulesEngine(benchmark::State& state, const char* yaml, std::size_t want_findings) {
  auto loaded = Load(yaml);
  rules::Config config;
  config.only = {"pss-*"};
  config.pss = rules::pss::ParsePssFlag("restricted").value();
  rules::Engine engine(config);
  std::vector<rules::Finding> findings;
  engine.Run(loaded->objects, findings);
  if (findings.size() != want_findings) {
    state.SkipWithError("unexpected findings");
    return;
  }
  AllocationCounter allocs(state);
  for (auto _ : state) {
    findings.clear();
    engine.Run(loaded->objects, findings);
    benchmark::DoNotOptimize(findings.data());
  }
}

BENCHMARK(BM_PssRestrictedPassingPod);
BENCHMARK(BM_PssBaselinePassingPod);
BENCHMARK(BM_PssRestrictedFailingPod);
BENCHMARK_CAPTURE(BM_PssRulesEngine, passing_pod, kCleanPod, 0);
BENCHMARK_CAPTURE(BM_PssRulesEngine, failing_pod, kDirtyPod, 7);

}  // namespace

BENCHMARK_MAIN();
