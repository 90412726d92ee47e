#!/usr/bin/env bash
# examples/canary/ and deploy/canary/ pass gori's own rules with zero findings, the judge configs
# in them are valid, and the requests the Argo Rollouts AnalysisTemplate and the Flagger Canary
# would send are accepted by `gori canary serve` as written (with Prometheus away the answer is
# 503, "could not reach Prometheus", where a bad request would be 400).
set -u
gori=$1
src=$2
. "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill -KILL "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# payments.yaml is a judge configuration, not a manifest: only the manifests are checked.
out=$("$gori" check "$src/deploy/canary" "$src/examples/canary/analysis-template.yaml" \
  "$src/examples/canary/flagger-canary.yaml" 2>&1)
expect_eq "$?" "0" "gori check deploy/canary examples/canary: exit code ($out)"
expect_match "$out" "^0 findings in " "gori check: no findings"

# The ConfigMap's configs, one file per key (4-space indented block scalars).
mkdir -p "$tmp/configs"
for key in default payments; do
  awk -v key="  $key.yaml: |" '$0 == key {on = 1; next} on && /^  [^ ]/ {exit} on {sub(/^    /, ""); print}' \
    "$src/deploy/canary/configmap.yaml" > "$tmp/configs/$key.yaml"
  expect_contains "$(cat "$tmp/configs/$key.yaml")" "metrics:" "configmap key $key.yaml extracted"
done
cmp -s <(grep -v '^#' "$src/examples/canary/payments.yaml") "$tmp/configs/payments.yaml"
expect_eq "$?" "0" "examples/canary/payments.yaml is the ConfigMap's payments.yaml"

dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$gori" canary serve --listen 127.0.0.1:0 --prometheus "http://127.0.0.1:$dead" \
  --config "$tmp/configs/default.yaml" --config-dir "$tmp/configs" --threads 1 \
  --drain-delay 0s 2> "$tmp/serve.log" &
serve_pid=$!
sport=
for _ in $(seq 100); do
  sport=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/serve.log")
  [ -n "$sport" ] && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.05
done
expect_match "$sport" '^[0-9]+$' "serve started with the ConfigMap's configs: $(cat "$tmp/serve.log")"
post() {  # PATH BODY-FILE: the status; the body in $tmp/body
  curl -s --max-time 30 -o "$tmp/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "@$2" "http://127.0.0.1:$sport$1"
}

# The AnalysisTemplate's body: the folded block scalar joined with spaces, args filled in.
awk '/^          body: >-$/ {on = 1; next} on && !/^            / {exit} on {sub(/^ +/, ""); printf "%s%s", sep, $0; sep = " "}' \
  "$src/examples/canary/analysis-template.yaml" |
  sed 's/{{args.app}}/payment-api/g; s/{{args.stable-hash}}/6d4f8b/g; s/{{args.canary-hash}}/7c9b2d/g' \
  > "$tmp/argo.json"
expect_eq "$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))))' "$tmp/argo.json")" \
  "['baseline', 'canary', 'config', 'window']" "AnalysisTemplate body is JSON"
expect_eq "$(post /v1/judge "$tmp/argo.json")" "503" "AnalysisTemplate request accepted: $(cat "$tmp/body")"
expect_contains "$(cat "$tmp/body")" "prometheus: cannot connect" "AnalysisTemplate request: reason"
grep -q 'url: http://gori-canary.gori-system.svc/v1/judge$' "$src/examples/canary/analysis-template.yaml"
expect_eq "$?" "0" "AnalysisTemplate calls the Service of deploy/canary"

# Each Flagger webhook: Flagger's payload with the webhook's metadata.
for hook in rollout promote rollback; do
  awk -v url="url: http://gori-canary.gori-system.svc/v1/flagger/$hook" '
    index($0, url) {on = 1; next}
    on && /^        metadata:$/ {meta = 1; next}
    on && meta && /^          [a-z]+: / {
      k = $1; sub(/:$/, "", k); v = $0; sub(/^ *[a-zA-Z]+: /, "", v)
      if (v ~ /^'"'"'.*'"'"'$/) v = substr(v, 2, length(v) - 2)
      gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v)
      printf "%s\"%s\": \"%s\"", sep, k, v; sep = ", "; next
    }
    on && meta {exit}' "$src/examples/canary/flagger-canary.yaml" > "$tmp/meta"
  printf '{"name": "podinfo", "namespace": "payments", "phase": "Progressing", "metadata": {%s}}' \
    "$(cat "$tmp/meta")" > "$tmp/flagger-$hook.json"
  expect_contains "$(cat "$tmp/meta")" '"baseline": ' "Flagger $hook webhook metadata found"
  expect_eq "$(post "/v1/flagger/$hook" "$tmp/flagger-$hook.json")" "503" \
    "Flagger $hook request accepted: $(cat "$tmp/body")"
done
kill -TERM "$serve_pid"
wait "$serve_pid"
expect_eq "$?" "0" "serve exits 0 on SIGTERM"
serve_pid=
finish
