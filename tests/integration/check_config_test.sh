#!/usr/bin/env bash
# gori check with a configuration file (found upward or --config), suppressions by annotation
# (--show-suppressed), baselines (--write-baseline / --baseline), ignore_paths,
# --kubernetes-version, and gori config init.
set -u
gori=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source "$2/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p app/sub vendor

cat > app/pod.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    gori.io/ignore.sec-host-network: "edge proxy needs the node's address"
    gori.io/ignore.rel-bare-pod: "one pod per test node, recreated by the test harness"
spec:
  hostNetwork: true
  serviceAccountName: web
  automountServiceAccountToken: false
  securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: web
    image: registry.example/web:1.0
    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}
    livenessProbe: {httpGet: {path: /healthz, port: 8080}}
    readinessProbe: {httpGet: {path: /ready, port: 8080}}
YAML
sed -e 's/name: web$/name: legacy/' -e 's/policy\/v1/policy\/v1/' app/pod.yaml \
  | sed -e '/gori.io\/ignore/d' -e 's/registry.example\/web:1.0/nginx:1.27/' > vendor/legacy.yaml

# Annotation suppression: counted, listed only with --show-suppressed.
out=$("$gori" check app); rc=$?
expect_eq "$rc" 0 "suppressed finding does not fail"
expect_eq "$out" "0 findings in 1 object from 1 file, 2 suppressed" "summary counts suppressed"
out=$("$gori" check --show-suppressed app)
expect_contains "$out" "app/pod.yaml:10:16: high sec-host-network: pod sets hostNetwork: true [suppressed: gori.io/ignore.sec-host-network: edge proxy needs the node's address]" "--show-suppressed lists it with its reason"

# A .gori.yaml found from a subdirectory upward: allowed registries, severity override,
# ignore_paths.
cat > .gori.yaml <<'YAML'
rules:
  severity: {sup-registry: medium}
parameters:
  allowed_registries: [registry.example]
ignore_paths: ["vendor"]
YAML
out=$(cd app/sub && "$gori" check ../..); rc=$?
expect_eq "$rc" 0 "vendor/ ignored, registry allowed"
expect_eq "$out" "0 findings in 1 object from 1 file, 2 suppressed" "ignore_paths skips vendor/"
out=$("$gori" check vendor/legacy.yaml); rc=$?
expect_eq "$rc" 1 "explicit paths are never ignored"
expect_contains "$out" "vendor/legacy.yaml:14:12: medium sup-registry: container 'legacy' image 'nginx:1.27' comes from docker.io (docker.io/library/nginx), which is not an allowed registry" "config parameters and severity override apply"
out=$("$gori" check --config /dev/null vendor/legacy.yaml); rc=$?
expect_eq "$rc" 1 "--config replaces the discovered file"
expect_eq "$(grep -c sup-registry <<< "$out")" 0 "no allowed_registries with --config /dev/null"

# Configuration errors are usage errors with file:line:col.
printf 'rules:\n  enabel: [sec-low-uid]\n' > bad.yaml
err=$("$gori" check --config bad.yaml app 2>&1); rc=$?
expect_eq "$rc" 2 "bad config exit code"
expect_eq "$err" "gori check: bad.yaml:2:3: unknown key 'rules.enabel' (want enable, disable, severity)" "bad config message"
rm .gori.yaml

# Baselines: record today's findings, then fail only on new ones (lines may move).
out=$("$gori" check --write-baseline base.json vendor/legacy.yaml); rc=$?
expect_eq "$rc" 0 "writing a baseline accepts the findings"
expect_contains "$(cat base.json)" '"gori_baseline": 1' "baseline file written"
expect_contains "$(cat base.json)" '"rule": "sec-host-network"' "baseline records rule"
expect_eq "$(grep -c '"line"' base.json)" 0 "baseline records no line numbers"
out=$("$gori" check --baseline base.json vendor/legacy.yaml); rc=$?
expect_eq "$rc" 0 "baseline suppresses recorded findings"
{ echo "# a comment moves everything down"; cat vendor/legacy.yaml; echo '  - {name: debug, image: "busybox:1.36", securityContext: {privileged: true}}'; } > moved.yaml
out=$("$gori" check --baseline base.json moved.yaml); rc=$?
expect_eq "$rc" 1 "a new finding fails"
expect_match "$out" "moved.yaml:20:72: critical sec-privileged: container 'debug' runs privileged" "the new finding is reported"
expect_eq "$(grep -c 'sec-host-network' <<< "$out")" 0 "old findings stay suppressed after lines moved"
err=$("$gori" check --baseline missing.json app 2>&1); rc=$?
expect_eq "$rc" 2 "missing baseline exit code"
expect_contains "$err" "gori check: --baseline: missing.json" "missing baseline message"

# --kubernetes-version drives meta-deprecated-api.
printf 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: f}\n' > flow.yaml
out=$("$gori" check --rules meta-deprecated-api --kubernetes-version 1.29 flow.yaml); rc=$?
expect_eq "$rc" 0 "deprecated only: low"
expect_contains "$out" "flow.yaml:1:13: low meta-deprecated-api: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated since Kubernetes 1.29 and removed in 1.32" "deprecated at 1.29"
out=$("$gori" check --rules meta-deprecated-api flow.yaml); rc=$?
expect_eq "$rc" 1 "removed by default (newest)"
err=$("$gori" check --kubernetes-version latest flow.yaml 2>&1); rc=$?
expect_eq "$rc" 2 "bad version exit code"

# gori config init writes a file gori check accepts, and refuses to overwrite it.
err=$("$gori" config init 2>&1); rc=$?
expect_eq "$rc" 0 "config init exit code"
expect_eq "$err" "wrote .gori.yaml" "config init message"
"$gori" check app > /dev/null; rc=$?
expect_eq "$rc" 0 "the default config changes nothing"
err=$("$gori" config init 2>&1); rc=$?
expect_eq "$rc" 2 "config init does not overwrite"
expect_eq "$err" "gori config init: .gori.yaml exists (use --force to overwrite)" "overwrite message"
expect_contains "$("$gori" config init -)" "min_replicas: 2" "config init - prints"
finish
