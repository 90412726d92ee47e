#!/usr/bin/env bash
# gori canary serve against a real Prometheus on backfilled histories (canary_lib.sh): POST
# /v1/judge answers 200 with the very bytes of `gori canary judge --format json` for every
# verdict (named, default and inline configs); bad requests are 400 with the position; the
# Flagger hooks map verdicts onto their status codes; Prometheus refusing a query is 502 and
# Prometheus down is 503; HTTPS serves the same bytes; /metrics counts the judgments; SIGTERM
# drains and exits 0.
set -u
gori=$1
src=$2
. "$src/tests/integration/lib.sh"
. "$src/tests/integration/canary_lib.sh"
canary_need_prometheus
tmp=$(mktemp -d)
serve_pid=
cleanup() {
  canary_stop_prometheus
  [ -n "$serve_pid" ] && kill -KILL "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

end=$(( $(date +%s) / 60 * 60 - 600 ))
canary_backfill "$end" 40 11 aa lat:c_median=0.112 err:c_err=0.005
expect_eq "$?" "0" "promtool backfill"
canary_start_prometheus
mkdir -p "$tmp/configs"
canary_doc_config "$tmp/canary.yaml"
cp "$tmp/canary.yaml" "$tmp/configs/payments.yaml"

"$gori" canary serve --listen 127.0.0.1:0 --prometheus "$url" --config "$tmp/canary.yaml" \
  --config-dir "$tmp/configs" --threads 2 --drain-delay 1s --drain-timeout 5s \
  2> "$tmp/serve.log" &
serve_pid=$!
sport=
for _ in $(seq 100); do
  sport=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/serve.log")
  [ -n "$sport" ] && break
  sleep 0.05
done
expect_match "$sport" '^[0-9]+$' "serve started: $(cat "$tmp/serve.log")"
base="http://127.0.0.1:$sport"

post() {  # PATH BODY: "CODE" on stdout, the body in $tmp/body
  curl -s --max-time 60 -o "$tmp/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "$2" "$base$1"
}
sel() {  # CASE: the JSON members of both selectors
  printf '"baseline": "case=\\"%s\\",track=\\"baseline\\"", "canary": "case=\\"%s\\",track=\\"canary\\""' "$1" "$1"
}
cli() {  # CASE: the CLI's JSON verdict in $tmp/cli-CASE.json
  "$gori" canary judge --config "$tmp/canary.yaml" --prometheus "$url" \
    --baseline "case=\"$1\",track=\"baseline\"" --canary "case=\"$1\",track=\"canary\"" \
    --end "@$end" --format json > "$tmp/cli-$1.json"
}

expect_eq "$(curl -s "$base/healthz")" "ok" "healthz"
expect_eq "$(curl -s "$base/readyz")" "ready" "readyz"

# Every verdict is 200 with the CLI's bytes: pass (default config), fail (named config).
cli aa
expect_eq "$?" "0" "CLI A/A exit code"
expect_eq "$(post /v1/judge "{$(sel aa), \"end\": \"@$end\"}")" "200" "A/A: status"
cmp -s "$tmp/body" "$tmp/cli-aa.json"
expect_eq "$?" "0" "A/A: the same bytes as gori canary judge --format json"
cli lat
expect_eq "$(post /v1/judge "{\"config\": \"payments\", $(sel lat), \"end\": \"@$end\"}")" "200" \
  "latency regression (a fail verdict): status 200"
cmp -s "$tmp/body" "$tmp/cli-lat.json"
expect_eq "$?" "0" "fail verdict: the same bytes as the CLI"
expect_contains "$(cat "$tmp/body")" '"verdict": "fail"' "fail verdict in the body"
inline=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$tmp/canary.yaml")
expect_eq "$(post /v1/judge "{\"configYaml\": $inline, $(sel aa), \"end\": \"@$end\"}")" "200" \
  "inline config: status"
expect_contains "$(cat "$tmp/body")" '"verdict": "pass"' "inline config: verdict"

# Bad requests: 400 with what and where.
expect_eq "$(post /v1/judge '{"baseline": ')" "400" "truncated JSON: status"
expect_contains "$(cat "$tmp/body")" '"error":"request:1:' "truncated JSON: position"
expect_eq "$(post /v1/judge "{$(sel aa), \"windwo\": \"10m\"}")" "400" "unknown key: status"
expect_contains "$(cat "$tmp/body")" "unknown key 'windwo' in the request" "unknown key: message"
expect_eq "$(post /v1/judge '{"baseline": "track=\"baseline\""}')" "400" "missing canary: status"
expect_contains "$(cat "$tmp/body")" "request.canary is missing" "missing canary: message"
expect_eq "$(post /v1/judge "{\"config\": \"nope\", $(sel aa)}")" "400" "unknown config: status"
expect_contains "$(cat "$tmp/body")" "config: no config 'nope'" "unknown config: message"
expect_eq "$(post /v1/judge "{\"config\": \"../etc/passwd\", $(sel aa)}")" "400" "config path: status"
expect_eq "$(post /v1/judge "{$(sel aa), \"window\": \"ten minutes\"}")" "400" "bad window: status"
expect_contains "$(cat "$tmp/body")" '"error":"window: ' "bad window: message"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/judge")" "405" "GET /v1/judge"
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' -d x "$base/v1/judge")" \
  "415" "not JSON"

# Prometheus refuses a query (a PromQL syntax error in an inline config): 502.
bad=$(python3 -c 'import json; print(json.dumps("metrics:\n  - {name: x, kind: gauge, query: \"sum(rate(x{ {{selector}} }[1m])\", margin: 1}\n"))')
expect_eq "$(post /v1/judge "{\"configYaml\": $bad, $(sel aa), \"end\": \"@$end\"}")" "502" \
  "Prometheus 400: status"
expect_contains "$(cat "$tmp/body")" "prometheus: HTTP 400: bad_data" "Prometheus 400: message"

# Flagger: Flagger's own payload, selectors and the rest in metadata (strings).
flagger() {  # HOOK CASE [more metadata members]
  local extra=${3:+, $3}
  post "/v1/flagger/$1" "{\"name\": \"podinfo\", \"namespace\": \"test\", \"phase\": \"Progressing\", \"checksum\": \"6d4f\", \"metadata\": {$(sel "$2"), \"end\": \"@$end\"$extra}}"
}
expect_eq "$(flagger rollout aa)" "200" "rollout hook, pass: proceed"
expect_match "$(cat "$tmp/body")" "^proceed: pass \(score 100\)" "rollout hook, pass: body"
expect_eq "$(flagger rollout lat)" "412" "rollout hook, fail: halt"
expect_match "$(cat "$tmp/body")" "^halt: fail " "rollout hook, fail: body"
expect_eq "$(flagger promote aa)" "200" "promote hook, pass"
expect_eq "$(flagger promote aa '"proceedOn": "marginal"')" "409" "promote hook, pass not in proceedOn: wait"
expect_eq "$(flagger rollback err)" "200" "rollback hook, critical metric failed: roll back"
expect_match "$(cat "$tmp/body")" "^roll back: fail \(score 0\): critical metric 'errors' is high" \
  "rollback hook: body"
expect_eq "$(flagger rollback lat)" "409" "rollback hook, non-critical failure: no rollback"
expect_eq "$(flagger rollback aa)" "409" "rollback hook, pass: no rollback"
expect_eq "$(post /v1/flagger/rollout '{"name": "podinfo", "namespace": "test"}')" "400" \
  "Flagger payload without metadata"
expect_contains "$(cat "$tmp/body")" "request.metadata is missing" "Flagger payload: message"
expect_eq "$(flagger rollout aa '"look": "two"')" "400" "Flagger metadata look not a number"

# HTTPS: the same answer over TLS with --tls-cert/--tls-key.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=gori-canary \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$tmp/tls.key" -out "$tmp/tls.crt" 2>/dev/null
"$gori" canary serve --listen 127.0.0.1:0 --prometheus "$url" --config "$tmp/canary.yaml" \
  --tls-cert "$tmp/tls.crt" --tls-key "$tmp/tls.key" --threads 1 --drain-delay 0s \
  2> "$tmp/serve-tls.log" &
tls_pid=$!
tport=
for _ in $(seq 100); do
  tport=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/serve-tls.log")
  [ -n "$tport" ] && break
  sleep 0.05
done
code=$(curl -s --max-time 60 --cacert "$tmp/tls.crt" -o "$tmp/body" -w '%{http_code}' \
  -H 'Content-Type: application/json' --data-binary "{$(sel aa), \"end\": \"@$end\"}" \
  "https://127.0.0.1:$tport/v1/judge")
expect_eq "$code" "200" "HTTPS: status ($(cat "$tmp/serve-tls.log"))"
cmp -s "$tmp/body" "$tmp/cli-aa.json"
expect_eq "$?" "0" "HTTPS: the same bytes as the CLI"
kill -TERM "$tls_pid"
wait "$tls_pid"
expect_eq "$?" "0" "HTTPS server: exit code after SIGTERM"

# Prometheus down: 503 on every judging endpoint, with the reason.
canary_stop_prometheus
expect_eq "$(post /v1/judge "{$(sel aa), \"end\": \"@$end\"}")" "503" "Prometheus down: status"
expect_contains "$(cat "$tmp/body")" "prometheus: cannot connect to 127.0.0.1:$port" \
  "Prometheus down: reason"
expect_eq "$(flagger rollout aa)" "503" "Prometheus down: rollout hook"
expect_eq "$(flagger rollback err)" "503" "Prometheus down: rollback hook does not roll back"

# The judge's own decisions on /metrics.
metrics=$(curl -s "$base/metrics")
for line in 'gori_canary_judgments_total{endpoint="judge",verdict="pass"} 2' \
  'gori_canary_judgments_total{endpoint="judge",verdict="fail"} 1' \
  'gori_canary_judgments_total{endpoint="rollback",verdict="fail"} 2' \
  'gori_canary_judgments_total{endpoint="rollout",verdict="pass"} 1' \
  'gori_canary_prometheus_errors_total{kind="rejected"} 1' \
  'gori_canary_prometheus_errors_total{kind="unreachable"} 3' \
  'gori_canary_http_responses_total{code="503"} 3' \
  'gori_canary_judge_duration_seconds_count ' \
  'gori_canary_ready 1'; do
  expect_contains "$metrics" "$line" "metrics: $line"
done

# SIGTERM: not ready at once, then the listener closes and the process exits 0.
kill -TERM "$serve_pid"
sleep 0.3
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" "503" "readyz while draining"
for _ in $(seq 100); do
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.1
done
wait "$serve_pid"
expect_eq "$?" "0" "exit code after the drain"
serve_pid=
expect_contains "$(cat "$tmp/serve.log")" "gori canary serve: stopped" "stopped logged"
finish
