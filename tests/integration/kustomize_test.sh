#!/usr/bin/env bash
# `gori check --kustomize DIR` with the real `kubectl kustomize` on tests/testdata/kustomize:
# with origin annotations findings name the base/overlay file (exact line where the value is
# the file's own), without them the kustomization with the rendered line; a missing kubectl is
# a clear usage error.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
k=tests/testdata/kustomize

if ! command -v kubectl >/dev/null; then
  echo "FAIL: kubectl is not installed (scripts/install-deps installs kubernetes-client when no kubectl exists)" >&2
  exit 1
fi

# Without origin annotations (any kustomize reads this one): the rendered position.
out=$(NO_COLOR=1 "$gori" check --kustomize "$k/overlay-plain"); rc=$?
expect_eq "$rc" 1 "overlay-plain exit code"
expect_match "$out" "$k/overlay-plain/kustomization.yaml \(rendered line [0-9]+\): critical sec-privileged: container 'ledger' runs privileged" "no annotations: kustomization + rendered line"
expect_contains "$out" "in 2 objects from 1 file" "overlay-plain summary"

# With buildMetadata: [originAnnotations] (kustomize 4.5+).
if kubectl kustomize "$k/overlay" >/dev/null 2>"$tmp/kerr"; then
  out=$(NO_COLOR=1 "$gori" check --kustomize "$k/overlay" --format json="$tmp/r.json" --format sarif="$tmp/r.sarif"); rc=$?
  expect_eq "$rc" 1 "overlay exit code"
  expect_contains "$out" "$k/base/deployment.yaml:19:23: critical sec-privileged: container 'ledger' runs privileged
   19 |           privileged: true
      |                       ^" "exact position and excerpt in the base file"
  expect_contains "$out" "$k/base/deployment.yaml:17:16: high sup-latest-tag:" "image line in the base"
  expect_match "$out" "$k/base/deployment.yaml \(rendered line [0-9]+\): high sec-privilege-escalation: container 'ledger' sets allowPrivilegeEscalation: true" "patched value: base object with rendered line"
  expect_contains "$out" "$k/overlay/debug-pod.yaml:6:16: high sec-host-network: pod sets hostNetwork: true" "overlay resource"
  facts=$("$py" - "$tmp/r.json" "$tmp/r.sarif" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = [f for f in d["findings"] if f["rule"] == "sec-privileged"][0]
print("json", p["file"], p["line"], p["column"], "rendered_line" in p, p["input"]["file"])
run = json.load(open(sys.argv[2]))["runs"][0]
r = [x for x in run["results"] if x["ruleId"] == "sec-host-network"][0]
pl = r["locations"][0]["physicalLocation"]
print("sarif", pl["artifactLocation"]["uri"], pl["region"]["startLine"], pl["region"]["startColumn"])
PY
)
  expect_contains "$facts" "json $k/base/deployment.yaml 19 23 False $k/overlay/kustomization.yaml" "json exact position"
  expect_contains "$facts" "sarif $k/overlay/debug-pod.yaml 6 16" "sarif overlay file"
  # Together with plain paths in one run.
  out=$(NO_COLOR=1 "$gori" check --kustomize "$k/overlay" tests/testdata/report/fixture/jobs.yaml); rc=$?
  expect_contains "$out" "tests/testdata/report/fixture/jobs.yaml:13:24: high sec-host-network" "plain path beside --kustomize"
  expect_contains "$out" "in 4 objects from 2 files" "both inputs checked"
else
  echo "SKIP: origin annotations: this kubectl's kustomize predates buildMetadata (kustomize 4.5+, kubectl 1.24+): $(tail -1 "$tmp/kerr")"
  out=$("$gori" check --kustomize "$k/overlay" 2>&1); rc=$?
  expect_eq "$rc" 2 "old kustomize exit code"
  expect_contains "$out" "buildMetadata needs kustomize 4.5 or later" "old kustomize hint"
fi

# kubectl missing: a usage error that says what to do.
mkdir "$tmp/empty-path"
out=$(PATH="$tmp/empty-path" "$gori" check --kustomize "$k/overlay" 2>&1); rc=$?
expect_eq "$rc" 2 "kubectl missing exit code"
expect_contains "$out" "gori check: --kustomize runs \`kubectl kustomize\`, and kubectl is not in PATH; install kubectl (Debian: apt-get install kubernetes-client)" "kubectl missing message"

# A directory without a kustomization, and a kustomization kustomize rejects: input errors.
out=$("$gori" check --kustomize tests/testdata 2>&1); rc=$?
expect_eq "$rc" 2 "no kustomization exit code"
expect_contains "$out" "tests/testdata: error: no kustomization.yaml, kustomization.yml or Kustomization in tests/testdata" "no kustomization message"
mkdir "$tmp/bad"
printf 'resources:\n- missing.yaml\n' > "$tmp/bad/kustomization.yaml"
out=$("$gori" check --kustomize "$tmp/bad" 2>&1); rc=$?
expect_eq "$rc" 2 "failing kustomize exit code"
expect_contains "$out" "$tmp/bad/kustomization.yaml: error: kubectl kustomize $tmp/bad failed (exit 1): " "failing kustomize message"
finish
