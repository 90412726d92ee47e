#!/usr/bin/env bash
# gori canary judge against a real Prometheus (Debian's prometheus + promtool): seeded
# OpenMetrics histories of baseline/canary tracks (tests/canary/gen_openmetrics.py) are
# backfilled into TSDB blocks, Prometheus serves them on 127.0.0.1, and the verdicts, exit codes
# and evidence are asserted; then bad input: malformed config, Prometheus 400/503, timeouts,
# unreachable, oversized responses (exit 2 with clear messages).
set -u
gori=$1
src=$2
. "$src/tests/integration/lib.sh"
. "$src/tests/integration/canary_lib.sh"
canary_need_prometheus
tmp=$(mktemp -d)
stub_pid=
cleanup() {
  canary_stop_prometheus
  [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null && wait "$stub_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# History: 45 minutes ending 10 minutes ago (whole minutes), well inside the retention.
end=$(( $(date +%s) / 60 * 60 - 600 ))
canary_backfill "$end" 45 7 \
  aa:b_reset=1 \
  lat:c_median=0.112 \
  err:c_err=0.005 \
  low:c_rps=0.0034 \
  gone:c_absent=1 \
  holes:c_cpu_nan=4,c_gap=5
expect_eq "$?" "0" "promtool backfill"
canary_start_prometheus

# The config of docs/canary.md, as written there (its first yaml block).
canary_doc_config "$tmp/canary.yaml"
expect_contains "$(cat "$tmp/canary.yaml")" "margin: 0.1pp" "config taken from docs/canary.md"

judge() {  # CASE [more flags]: JSON verdict in $tmp/CASE.json, exit code in $rc
  local c=$1
  shift
  "$gori" canary judge --config "$tmp/canary.yaml" --prometheus "$url" \
    --baseline "case=\"$c\",track=\"baseline\"" --canary "case=\"$c\",track=\"canary\"" \
    --end "@$end" --format json "$@" > "$tmp/$c.json" 2> "$tmp/$c.err"
  rc=$?
}
field() {  # FILE PYTHON-EXPR over `v` (the parsed verdict)
  python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print($2)" "$1"
}

judge aa
expect_eq "$rc" "0" "A/A with a counter reset: exit code"
expect_eq "$(field "$tmp/aa.json" 'v["verdict"]')" "pass" "A/A verdict"
expect_eq "$(field "$tmp/aa.json" '[m["class"] for m in v["metrics"]]')" "['pass', 'pass']" "A/A classes"
expect_eq "$(field "$tmp/aa.json" 'v["window"]["end"] == __import__("time").strftime("%Y-%m-%dT%H:%M:%SZ", __import__("time").gmtime('"$end"'))')" "True" "window ends at --end"
expect_eq "$(field "$tmp/aa.json" 'v["metrics"][1]["queries"][0]')" \
  'sum(increase(http_requests_errors_total{ case="aa",track="baseline" }[1m]))' "query as sent"
expect_eq "$(field "$tmp/aa.json" 'v["metrics"][0]["n_baseline"] > 80000 and v["metrics"][0]["n_canary"] > 80000')" \
  "True" "requests per track over 30 minutes at 50/s"
expect_eq "$(field "$tmp/aa.json" '{"name","class","estimate","ci","p","n_baseline","n_canary","reason"} <= set(v["metrics"][0])')" \
  "True" "metric fields of the JSON contract"

judge aa
cp "$tmp/aa.json" "$tmp/aa-first.json"
judge aa
cmp -s "$tmp/aa.json" "$tmp/aa-first.json"
expect_eq "$?" "0" "same data gives the same bytes"

judge lat
expect_eq "$rc" "1" "+40 % latency: exit code"
expect_eq "$(field "$tmp/lat.json" 'v["metrics"][0]["class"]')" "high" "+40 % latency: class"
expect_eq "$(field "$tmp/lat.json" 'v["metrics"][1]["class"]')" "pass" "+40 % latency: errors unchanged"

judge err
expect_eq "$rc" "1" "5x errors: exit code"
expect_eq "$(field "$tmp/err.json" 'v["metrics"][1]["class"]')" "high" "5x errors: class"
expect_match "$(field "$tmp/err.json" 'v["reason"]')" "^critical metric 'errors' is high" "critical override"
expect_eq "$(field "$tmp/err.json" 'v["score"]')" "0" "critical failure scores 0"

judge low
expect_eq "$rc" "3" "a handful of canary requests: inconclusive"
expect_eq "$(field "$tmp/low.json" 'v["metrics"][1]["class"]')" "inconclusive" "few requests: errors class"
expect_eq "$(field "$tmp/low.json" 'v["metrics"][1]["n_canary"] < 20')" "True" "few requests: n_canary"

judge gone
expect_eq "$rc" "1" "absent canary: exit code (never 0 or 2)"
expect_eq "$(field "$tmp/gone.json" '[m["class"] for m in v["metrics"]]')" "['nodata', 'nodata']" "absent canary: nodata"
expect_eq "$(field "$tmp/gone.json" 'v["metrics"][0]["reason"]')" "no data for the canary track" "absent canary: reason"

# NaN samples and a scrape gap in a gauge: dropped and counted, never zero.
cat > "$tmp/gauge.yaml" <<'YAML'
metrics:
  - {name: cpu, kind: gauge, query: 'avg(cpu_usage{ {{selector}} })', margin: 10%}
YAML
"$gori" canary judge --config "$tmp/gauge.yaml" --prometheus "$url" \
  --baseline 'case="holes",track="baseline"' --canary 'case="holes",track="canary"' \
  --end "@$end" --format json > "$tmp/holes.json"
rc=$?
expect_eq "$rc" "0" "gauge with NaN and gaps: exit code"
expect_eq "$(field "$tmp/holes.json" 'v["metrics"][0]["dropped_baseline"]')" "0" "gauge: nothing dropped in the baseline"
expect_eq "$(field "$tmp/holes.json" 'v["metrics"][0]["dropped_canary"] + v["metrics"][0]["n_canary"]')" "31" \
  "gauge: every instant of the canary is a point or counted as dropped"
expect_eq "$(field "$tmp/holes.json" 'v["metrics"][0]["dropped_canary"] > 20')" "True" "gauge: NaN and gap dropped"

# The one-query form: both tracks from one evaluation, split by the track label.
cat > "$tmp/one.yaml" <<'YAML'
metrics:
  - name: latency
    kind: latency-histogram
    query: 'sum by (le, track) (rate(http_request_duration_seconds_bucket{ {{baseline}} }[1m])) or sum by (le, track) (rate(http_request_duration_seconds_bucket{ {{canary}} }[1m]))'
    margin: 10%
YAML
for c in aa lat; do
  "$gori" canary judge --config "$tmp/one.yaml" --prometheus "$url" \
    --baseline "case=\"$c\",track=\"baseline\"" --canary "case=\"$c\",track=\"canary\"" \
    --end "@$end" --format json > "$tmp/one-$c.json"
  rc=$?
  expect_eq "$(field "$tmp/one-$c.json" 'len(v["metrics"][0]["queries"])')" "1" "one query for both tracks ($c)"
  expect_eq "$(field "$tmp/one-$c.json" 'v["metrics"][0]["n_canary"] == '"$(field "$tmp/$c.json" 'v["metrics"][0]["n_canary"]')")" \
    "True" "one-query form sees the same canary requests ($c)"
done
expect_eq "$(field "$tmp/one-lat.json" 'v["metrics"][0]["class"]')" "high" "one-query form: +40 % latency"
expect_eq "$(field "$tmp/one-aa.json" 'v["metrics"][0]["class"]')" "pass" "one-query form: A/A"

# Text and HTML evidence.
out=$("$gori" canary judge --config "$tmp/canary.yaml" --prometheus "$url" \
  --baseline 'case="lat",track="baseline"' --canary 'case="lat",track="canary"' --end "@$end")
expect_eq "$?" "1" "text format: same exit code"
expect_contains "$out" "gori canary: FAIL" "text verdict line"
expect_contains "$out" "config sha256:" "text names the config digest"
"$gori" canary judge --config "$tmp/canary.yaml" --prometheus "$url" \
  --baseline 'case="aa",track="baseline"' --canary 'case="aa",track="canary"' --end "@$end" \
  --format html -o "$tmp/aa.html"
expect_eq "$?" "0" "html written with -o"
html=$(cat "$tmp/aa.html")
expect_contains "$html" "<svg" "html has plots"
expect_contains "$html" "sha256:" "html names the config digest"
expect_eq "$(grep -c -i -E '<script|https?://' "$tmp/aa.html")" "0" "html is self-contained"

# Bad input: exit 2 with clear messages.
printf 'window: 30m\nmetrics:\n  - {name: a, kind: gauge, query: up, margin: 1}\n' > "$tmp/bad.yaml"
err=$("$gori" canary judge --config "$tmp/bad.yaml" --prometheus "$url" --baseline 'a="b"' \
  --canary 'a="c"' --end "@$end" 2>&1 >/dev/null)
expect_eq "$?" "2" "malformed config: exit code"
expect_eq "$err" "gori canary judge: $tmp/bad.yaml:3:35: query must contain {{selector}} (replaced by the track's selector)" \
  "malformed config: position"
printf 'metrics:\n  - {name: x, kind: gauge, query: "sum(rate(x{ {{selector}} }[1m])", margin: 1}\n' > "$tmp/badq.yaml"
err=$("$gori" canary judge --config "$tmp/badq.yaml" --prometheus "$url" --baseline 'a="b"' \
  --canary 'a="c"' --end "@$end" 2>&1 >/dev/null)
expect_eq "$?" "2" "Prometheus 400: exit code"
expect_contains "$err" "prometheus: HTTP 400: bad_data: " "Prometheus 400: message"
err=$("$gori" canary judge --config "$tmp/canary.yaml" --prometheus "$url" \
  --baseline 'case="aa",track="baseline"' --canary 'case="aa",track="canary"' --end "@$end" \
  --max-response-bytes 1024 2>&1 >/dev/null)
expect_eq "$?" "2" "oversized response: exit code"
expect_contains "$err" "response larger than the limit of 1024 bytes" "oversized response: message"
dead=$(free_port)
err=$("$gori" canary judge --config "$tmp/canary.yaml" --prometheus "http://127.0.0.1:$dead" \
  --baseline 'a="b"' --canary 'a="c"' --end "@$end" 2>&1 >/dev/null)
expect_eq "$?" "2" "unreachable Prometheus: exit code"
expect_contains "$err" "cannot connect to 127.0.0.1:$dead" "unreachable Prometheus: message"
"$gori" canary judge --config "$tmp/canary.yaml" --prometheus "$url" --canary 'a="c"' > /dev/null 2>&1
expect_eq "$?" "2" "missing --baseline: exit code"

# Mutual TLS: the same blocks behind Prometheus's own TLS server requiring a client certificate.
(
  cd "$tmp" || exit 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=test-ca \
    -keyout ca.key -out ca.crt
  for who in server client; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$who" \
      -keyout "$who.key" -out "$who.csr"
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' > "$who.ext"
    openssl x509 -req -in "$who.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
      -extfile "$who.ext" -out "$who.crt"
  done
) > "$tmp/openssl.log" 2>&1
cat > "$tmp/web.yml" <<YAML
tls_server_config:
  cert_file: $tmp/server.crt
  key_file: $tmp/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: $tmp/ca.crt
YAML
kill "$prom_pid"; wait "$prom_pid" 2>/dev/null; prom_pid=
tls_port=$(free_port)
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/blocks" \
  --web.config.file="$tmp/web.yml" --web.listen-address="127.0.0.1:$tls_port" \
  > "$tmp/prometheus-tls.log" 2>&1 &
prom_pid=$!
for _ in $(seq 100); do
  curl -sfk --cert "$tmp/client.crt" --key "$tmp/client.key" "https://127.0.0.1:$tls_port/-/ready" \
    > /dev/null 2>&1 && break
  sleep 0.1
done
"$gori" canary judge --config "$tmp/canary.yaml" --prometheus "https://127.0.0.1:$tls_port" \
  --cacert "$tmp/ca.crt" --cert "$tmp/client.crt" --key "$tmp/client.key" \
  --baseline 'case="aa",track="baseline"' --canary 'case="aa",track="canary"' --end "@$end" \
  --format json > "$tmp/tls.json" 2> "$tmp/tls.err"
expect_eq "$?" "0" "mutual TLS: exit code"
cmp -s "$tmp/tls.json" "$tmp/aa-first.json"
expect_eq "$?" "0" "mutual TLS: the same verdict bytes as over plain HTTP"
err=$("$gori" canary judge --config "$tmp/canary.yaml" --prometheus "https://127.0.0.1:$tls_port" \
  --cacert "$tmp/ca.crt" --baseline 'a="b"' --canary 'a="c"' --end "@$end" 2>&1 >/dev/null)
expect_eq "$?" "2" "TLS without a client certificate: exit code"
expect_contains "$err" "prometheus: " "TLS without a client certificate: message"

# A stub that answers 503 (Prometheus overloaded), then one that never answers.
cat > "$tmp/stub.py" <<'PY'
import http.server, sys, time
mode = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if mode == "slow":
            time.sleep(5)
        body = b'{"status":"error","errorType":"unavailable","error":"too many queries"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
for mode in 503 slow; do
  python3 "$tmp/stub.py" "$mode" > "$tmp/stub.port" &
  stub_pid=$!
  for _ in $(seq 50); do [ -s "$tmp/stub.port" ] && break; sleep 0.1; done
  err=$("$gori" canary judge --config "$tmp/canary.yaml" --prometheus "http://127.0.0.1:$(cat "$tmp/stub.port")" \
    --baseline 'a="b"' --canary 'a="c"' --end "@$end" --timeout 300ms 2>&1 >/dev/null)
  expect_eq "$?" "2" "stub $mode: exit code"
  if [ "$mode" = 503 ]; then
    expect_contains "$err" "prometheus: HTTP 503: unavailable: too many queries" "503 message"
  else
    expect_contains "$err" "prometheus: timed out after 300 ms while waiting for the response" "timeout message"
  fi
  kill "$stub_pid"; wait "$stub_pid" 2>/dev/null; stub_pid=
  : > "$tmp/stub.port"
done
finish
