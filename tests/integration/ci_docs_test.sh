#!/usr/bin/env bash
# docs/ci.md stays true: every `gori check` command line in it is listed below and run here
# verbatim (in a workspace laid out like the docs: manifests/, charts/payments, deploy/), every
# command listed here is in the docs, and every YAML snippet there parses. helm is not in Debian:
# a stand-in prints the captured `helm template` output of tests/testdata/helm.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
doc="$src/docs/ci.md"

commands=(
  'gori check --format sarif=gori.sarif --format github manifests/'
  'gori check --format gitlab=gl-code-quality-report.json --format junit=gori-junit.xml manifests/'
  'helm template payments charts/payments | gori check --helm-root charts/payments --format sarif=gori.sarif --format github -'
  'gori check --kustomize deploy/overlays/prod --format sarif=gori.sarif --format github'
  'gori check manifests/checkout.yaml manifests/jobs.yaml'
  'kubectl gori check manifests/'
  'kubectl get deployments,statefulsets,daemonsets,cronjobs -A -o json | kubectl gori check -'
)

# Both directions: listed <=> documented.
for c in "${commands[@]}"; do
  grep -qF -- "$c" "$doc" || { echo "FAIL: not in docs/ci.md: $c" >&2; failures=$((failures + 1)); }
done
while IFS= read -r line; do
  line=${line#"${line%%[![:space:]]*}"}
  line=${line#- }
  line=${line#run: }
  found=0
  for c in "${commands[@]}"; do [[ "$line" == *"$c"* ]] && found=1; done
  [[ "$line" == "entry: gori check" ]] && found=1  # the pre-commit hook; run below with files
  [ $found = 1 ] || { echo "FAIL: docs/ci.md command not exercised: $line" >&2; failures=$((failures + 1)); }
done < <(awk '/^```/{on=!on; next} on' "$doc" | grep -E 'gori check|kubectl gori' |
  grep -vE '^ *(- )?name: ')

# The workspace the docs assume.
ws=$tmp/ws
bin=$tmp/bin
mkdir -p "$ws/manifests" "$ws/charts" "$ws/deploy/overlays" "$bin"
cp tests/testdata/report/fixture/api.yaml "$ws/manifests/checkout.yaml"
cp tests/testdata/report/fixture/jobs.yaml "$ws/manifests/jobs.yaml"
cp -r tests/testdata/helm/payments "$ws/charts/payments"
cp -r tests/testdata/kustomize/base "$ws/deploy/base"
cp -r tests/testdata/kustomize/overlay "$ws/deploy/overlays/prod"
sed -i 's|- ../base|- ../../base|' "$ws/deploy/overlays/prod/kustomization.yaml"
ln -s "$gori" "$bin/gori"
ln -s "$src/scripts/kubectl-gori" "$bin/kubectl-gori"
cat > "$bin/helm" <<SH
#!/bin/sh
[ "\$1" = template ] || exit 64
cat "$src/tests/testdata/helm/rendered.yaml"
SH
chmod +x "$bin/helm"
real_kubectl=$(command -v kubectl || true)
# `kubectl get` needs a cluster: a stand-in answers it with a captured List and hands every other
# command (plugins, kustomize) to the real kubectl.
cat > "$bin/kubectl" <<SH
#!/bin/sh
if [ "\$1" = get ]; then
  cat "$src/tests/testdata/report/cluster-list.json"
  exit 0
fi
exec "$real_kubectl" "\$@"
SH
chmod +x "$bin/kubectl"

run() {  # run COMMAND: verbatim, in the workspace, with the stand-ins first on PATH
  rm -f "$ws"/gori.sarif "$ws"/gl-code-quality-report.json "$ws"/gori-junit.xml
  (cd "$ws" && PATH="$bin:$PATH" bash -c "$1") >"$tmp/out" 2>&1
  echo $?
}

rc=$(run "${commands[0]}")
expect_eq "$rc" 1 "github actions command exit code"
expect_contains "$(cat "$tmp/out")" "::error file=manifests/checkout.yaml,line=20,col=23,title=sec-privileged (critical)::" "github annotations"
[ -s "$ws/gori.sarif" ] || { echo "FAIL: gori.sarif not written" >&2; failures=$((failures + 1)); }

rc=$(run "${commands[1]}")
expect_eq "$rc" 1 "gitlab command exit code"
expect_contains "$(cat "$tmp/out")" "manifests/checkout.yaml:20:23: critical sec-privileged: container 'api' runs privileged" "gitlab job log shows the text report"
[ -s "$ws/gl-code-quality-report.json" ] && [ -s "$ws/gori-junit.xml" ] ||
  { echo "FAIL: gitlab artifacts not written" >&2; failures=$((failures + 1)); }

rc=$(run "${commands[2]}")
expect_eq "$rc" 1 "helm command exit code"
expect_contains "$(cat "$tmp/out")" "::error file=charts/payments/templates/deployment.yaml,line=25,col=23,title=sec-privileged (critical)::container 'api' runs privileged%0AFix:" "helm annotation on the chart's template line"
[ -s "$ws/gori.sarif" ] || { echo "FAIL: helm gori.sarif not written" >&2; failures=$((failures + 1)); }

if [ -n "$real_kubectl" ]; then
  rc=$(run "${commands[3]}")
  if kubectl kustomize "$ws/deploy/overlays/prod" >/dev/null 2>&1; then
    expect_eq "$rc" 1 "kustomize command exit code"
    expect_contains "$(cat "$tmp/out")" "::error file=deploy/base/deployment.yaml,line=19,col=23,title=sec-privileged (critical)::" "kustomize annotation on the base file"
  else
    echo "SKIP: kustomize origin annotations need kubectl 1.24+ (ran the command: exit $rc)"
    expect_eq "$rc" 2 "kustomize command exit code with an old kustomize"
  fi
else
  echo "FAIL: kubectl is not installed (scripts/install-deps installs kubernetes-client)" >&2
  failures=$((failures + 1))
fi

# pre-commit: the hook's entry plus the changed files, as pre-commit runs it.
entry=$(sed -n 's/^  entry: //p' "$src/.pre-commit-hooks.yaml")
expect_eq "$entry" "gori check" ".pre-commit-hooks.yaml entry"
expect_contains "$(cat "$doc")" "entry: $entry" "local hook entry in the docs"
rc=$(run "${commands[4]}")
expect_eq "$rc" 1 "pre-commit command exit code"
expect_contains "$(cat "$tmp/out")" "manifests/jobs.yaml:13:24: high sec-host-network" "pre-commit output"

# kubectl plugin (through the real kubectl's plugin lookup when there is one).
if [ -n "$real_kubectl" ]; then
  rc=$(run "${commands[5]}")
  expect_eq "$rc" 1 "kubectl gori exit code"
  expect_contains "$(cat "$tmp/out")" "in 3 objects from 2 files" "kubectl gori output"
  expect_contains "$(cat "$tmp/out")" "manifests/jobs.yaml:13:24: high sec-host-network" "kubectl gori finding"
  rc=$(run "${commands[6]}")
  expect_eq "$rc" 1 "kubectl get | kubectl gori exit code"
  expect_contains "$(cat "$tmp/out")" "<stdin>:" "live objects checked from stdin"
  expect_contains "$(cat "$tmp/out")" "critical sec-privileged: container 'web' runs privileged" "live finding"
fi
rc=$(cd "$ws" && GORI="$gori" "$src/scripts/kubectl-gori" --version)
expect_match "$rc" '^gori [0-9]' "scripts/kubectl-gori runs \$GORI"

# Every YAML snippet in the docs parses (gori reads YAML; non-Kubernetes maps are no findings).
awk '/^```yaml$/{n++; f=sprintf("'"$tmp"'/snippet-%d.yaml", n); on=1; next} /^```$/{on=0} on{print > f}' "$doc"
for f in "$tmp"/snippet-*.yaml; do
  out=$("$gori" check "$f" 2>&1); rc=$?
  expect_eq "$rc" 0 "docs snippet $(basename "$f") parses: $out"
done
expect_eq "$(ls "$tmp"/snippet-*.yaml | wc -l)" 5 "yaml snippets found"
finish
