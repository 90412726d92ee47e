#include "load/k8s_job.h"

#include <fmt/format.h>

#include "json/writer.h"

namespace gori::load {
namespace {

// A YAML block scalar body: every line indented, so any text (quotes, colons, '#') stays text.
std::string Block(std::string_view text, std::string_view indent) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += line.empty() ? "" : std::string(indent);
    out += line;
    out += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

// A double-quoted YAML scalar: a JSON string is one, escapes and all.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  json::Writer::Escape(s, out);
  return out + "\"";
}

}  // namespace

std::string LoopbackWarning(std::string_view host) {
  const bool loopback = host == "localhost" || host.ends_with(".localhost") || host == "::1" ||
                        host.starts_with("127.");
  if (!loopback) return {};
  return fmt::format(
      "the scenario targets {}, which inside each pod is the pod itself: point base_url at the "
      "service's cluster address (e.g. http://NAME.NAMESPACE.svc:PORT)",
      host);
}

std::string JobName(std::string_view scenario_name) {
  std::string out;
  for (char c : scenario_name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  // Room for the Job's pod names (name-<index>-<random>).
  if (out.size() > 40) out.resize(40);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "gori-load" : out;
}

Result<std::string> EmitJob(const JobSpec& j) {
  if (j.shards < 1 || j.shards > 1000) return Fail("--emit-k8s wants 1 to 1000 shards");
  if (j.csv_name.find('/') != std::string::npos) {
    return Fail(fmt::format(
        "the scenario's data.csv '{}' is not next to it: inside the pods both files sit in one "
        "directory, so write data.csv as a bare file name",
        j.csv_name));
  }
  const std::string ns =
      j.namespace_.empty() ? std::string() : fmt::format("\n  namespace: {}", j.namespace_);
  // The commands name the namespace the objects are in, not whatever the context points at.
  const std::string kubectl =
      j.namespace_.empty() ? std::string("kubectl") : fmt::format("kubectl -n {}", j.namespace_);
  std::string y = fmt::format(
      "# gori load, distributed: {n} shards of one schedule starting at {at}.\n"
      "#   {k} apply -f THIS_FILE\n"
      "#   {k} wait --for=condition=complete job/{name} --timeout=1h\n"
      "#   for p in $({k} get pods -l job-name={name} -o name); do\n"
      "#     {k} logs \"$p\" > \"${{p#pod/}}.json\"; done\n"
      "#   gori load report {name}-*.json --html {name}.html\n"
      "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}{ns}\n"
      "automountServiceAccountToken: false\n---\n",
      fmt::arg("n", j.shards), fmt::arg("at", j.start_at), fmt::arg("name", j.name),
      fmt::arg("ns", ns), fmt::arg("k", kubectl));
  y += fmt::format(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {}{}\n  labels:\n"
      "    app.kubernetes.io/name: gori-load\ndata:\n  scenario.yaml: |2\n{}",
      j.name, ns, Block(j.scenario_yaml, "    "));
  if (!j.csv_name.empty()) {
    y += fmt::format("  {}: |2\n{}", Quoted(j.csv_name), Block(j.csv_text, "    "));
  }
  y += "---\n";
  y += fmt::format(
      R"(apiVersion: batch/v1
kind: Job
metadata:
  name: {name}{ns}
  labels:
    app.kubernetes.io/name: gori-load
spec:
  completionMode: Indexed
  completions: {n}
  parallelism: {n}
  backoffLimit: 0
  ttlSecondsAfterFinished: 86400
  template:
    metadata:
      labels:
        app.kubernetes.io/name: gori-load
        gori.io/run: {name}
    spec:
      restartPolicy: Never
      serviceAccountName: {name}
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 65532
        runAsGroup: 65532
        seccompProfile:
          type: RuntimeDefault
      # One shard per node: a generator sharing a node with another measures the node.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              gori.io/run: {name}
      containers:
        - name: gori
          image: {image}
          args:
            - load
            - -f
            - /scenario/scenario.yaml
            - --shard=$(GORI_SHARD)/{n}
            - --start-at=$(GORI_START_AT)
            - --quiet
            - --json=-
          env:
            - name: GORI_SHARD
              valueFrom:
                fieldRef:
                  fieldPath: metadata.annotations['batch.kubernetes.io/job-completion-index']
            - name: GORI_START_AT
              value: {at}
          resources:
            requests:
              cpu: {cpu}
              memory: {memory}
            limits:
              memory: {memory}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: scenario
              mountPath: /scenario
              readOnly: true
      volumes:
        - name: scenario
          configMap:
            name: {name}
)",
      fmt::arg("name", j.name), fmt::arg("ns", ns), fmt::arg("n", j.shards),
      fmt::arg("image", j.image), fmt::arg("at", Quoted(j.start_at)),
      fmt::arg("cpu", Quoted(j.cpu)), fmt::arg("memory", j.memory));
  return y;
}

}  // namespace gori::load
