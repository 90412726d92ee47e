#!/usr/bin/env bash
# gori load against a small Python test server on 127.0.0.1 (tests/integration/load_server.py):
# honest latency under a 1 s stall, thresholds and exit codes, errors by kind (5xx, reset,
# server close, timeout, refused), scenario extraction across steps, CSV data, usage errors.
# Every run is bounded (-d or -n) and the server is killed on exit.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"

tmp=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# json FILE EXPR: evaluates a Python expression over the JSON document `d`.
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# --- Honest latency: at 200 req/s on one connection, a 1 s freeze of the server queues ~200
# arrivals. Latency (from intended start) shows it; service time (from send) sees one slow request.
start_load_server 100
"$gori" load "$base/stall" --rate 200 -d 3s -c 1 --max-connections 1 -t 1 -q \
  --json "$tmp/stall.json" > "$tmp/stall.txt" 2>&1
rc=$?
expect_eq "$rc" 0 "stall run exit code"
expect_eq "$(json "$tmp/stall.json" 'd["errors"]')" 0 "stall run errors"
expect_eq "$(json "$tmp/stall.json" 'd["model"]')" open "stall run model"
expect_eq "$(json "$tmp/stall.json" '590 <= d["requests"] <= 600')" True "stall run requests ~600"
expect_eq "$(json "$tmp/stall.json" 'd["latency_us"]["p99"] >= 500000')" True \
  "latency p99 shows the 1 s stall ($(json "$tmp/stall.json" 'd["latency_us"]["p99"]') us)"
expect_eq "$(json "$tmp/stall.json" 'd["service_time_us"]["p99"] < 100000')" True \
  "service time p99 does not ($(json "$tmp/stall.json" 'd["service_time_us"]["p99"]') us)"
expect_eq "$(json "$tmp/stall.json" 'd["service_time_us"]["max"] >= 900000')" True \
  "service time max holds the one stalled request"
expect_eq "$(json "$tmp/stall.json" 'd["late"] >= 100')" True "arrivals during the stall are late"
expect_eq "$(json "$tmp/stall.json" 'len(d["intervals"]) >= 3')" True "per-second intervals"
expect_eq "$(json "$tmp/stall.json" 'max(i["latency_us"]["p99"] for i in d["intervals"]) >= 500000')" \
  True "an interval shows the stall"
expect_eq "$(json "$tmp/stall.json" 'd["histograms"]["latency"][:5]')" HISTF "encoded HDR histogram"
expect_contains "$(cat "$tmp/stall.txt")" "latency: from each request's intended start" "summary labels"

# The same 1 s stall inside a 2 s warm-up is left out of every result: requests, duration,
# latency and the per-second series cover only the 2 measured seconds.
stop_load_server
start_load_server 100
"$gori" load "$base/stall" --rate 200 --warmup 2s -d 2s -c 1 --max-connections 1 -t 1 \
  --json "$tmp/warm.json" > "$tmp/warm.txt" 2>&1
rc=$?
expect_eq "$rc" 0 "warm-up run exit code"
expect_eq "$(json "$tmp/warm.json" 'd["config"]["warmup_s"]')" 2 "warm-up in the config"
expect_eq "$(json "$tmp/warm.json" 'd["config"]["duration_s"]')" 2 "measured duration in the config"
expect_eq "$(json "$tmp/warm.json" 'd["config"]["stages"]')" \
  "[{'duration_s': 2, 'from_rps': 200, 'to_rps': 200}]" "the warm-up stage is not listed"
expect_eq "$(json "$tmp/warm.json" '390 <= d["requests"] <= 410')" True \
  "only measured requests are counted ($(json "$tmp/warm.json" 'd["requests"]'))"
expect_eq "$(json "$tmp/warm.json" '1.9 <= d["duration_s"] <= 2.2')" True "measured duration"
expect_eq "$(json "$tmp/warm.json" 'd["latency_us"]["max"] < 400000')" True \
  "the stall during the warm-up is not in the latency ($(json "$tmp/warm.json" 'd["latency_us"]["max"]') us)"
expect_eq "$(json "$tmp/warm.json" '[i["second"] for i in d["intervals"]][:2]')" "[0, 1]" \
  "intervals count from the end of the warm-up"
expect_contains "$(cat "$tmp/warm.txt")" "stages 2s:200, after a 2s warm-up; 1 thread, 1 connection" \
  "summary names the warm-up"
expect_contains "$(cat "$tmp/warm.txt")" "[warm-up 2/2s] " "progress during the warm-up"
expect_contains "$(cat "$tmp/warm.txt")" "[   1s] " "measured seconds count from the warm-up's end"

# --- gori load report: two runs at the same time (two "machines") merged losslessly. Each has a
# threshold that holds for itself; the merged run is checked against both, and the whole's
# rate must be the sum.
stop_load_server
start_load_server 100000
"$gori" load "$base/ok" --rate 100 -d 2s -c 2 -t 1 -q --threshold 'rps > 90' \
  --json "$tmp/m1.json" > /dev/null 2>&1 &
m1=$!
"$gori" load "$base/ok" --rate 150 -d 2s -c 2 -t 1 -q --threshold 'error_rate == 0%' \
  --json "$tmp/m2.json" > /dev/null 2>&1
wait "$m1"
"$gori" load report "$tmp/m1.json" "$tmp/m2.json" --threshold 'rps > 240' \
  --json "$tmp/merged.json" --html "$tmp/merged.html" > "$tmp/merged.txt" 2>&1
rc=$?
expect_eq "$rc" 0 "merged thresholds hold"
sum=$(( $(json "$tmp/m1.json" 'd["requests"]') + $(json "$tmp/m2.json" 'd["requests"]') ))
expect_eq "$(json "$tmp/merged.json" 'd["requests"]')" "$sum" "merged requests are the sum"
expect_eq "$(json "$tmp/merged.json" '[t["expr"] for t in d["thresholds"]]')" \
  "['rps > 90', 'error_rate == 0%', 'rps > 240']" "every run's thresholds, then the command's"
expect_eq "$(json "$tmp/merged.json" 'd["config"]["stages"][0]["from_rps"]')" 250 "target rates add up"
expect_eq "$(json "$tmp/merged.json" 'd["intervals"][0]["target_rps"]')" 250 "per-second target adds up"
expect_eq "$(json "$tmp/merged.json" 'd["latency_us"]["count"] == d["requests"]')" True \
  "the merged histogram holds every response"
expect_contains "$(cat "$tmp/merged.txt")" "merged 2 results: $tmp/m1.json, $tmp/m2.json" \
  "summary says it is a merge"
expect_eq "$(grep -o '<svg ' "$tmp/merged.html" | wc -l)" 3 "merged HTML report"
# The merged JSON merges again (it carries its per-second histograms too).
"$gori" load report "$tmp/merged.json" --json "$tmp/again.json" > /dev/null 2>&1
expect_eq "$?" 0 "a merged result reads back"
expect_eq "$(json "$tmp/again.json" 'd["requests"]')" "$(json "$tmp/merged.json" 'd["requests"]')" \
  "merging one result changes nothing"
# Shards of one distributed run: both take the same global schedule (300 req/s) from the same
# wall-clock instant, each sends every second arrival; merged, they are the whole run.
start=$(python3 -c 'import time; print("@%.3f" % (time.time() + 1.5))')
"$gori" load "$base/ok" --rate 300 -d 2s -c 2 -t 1 --shard 0/2 --start-at "$start" -q \
  --json "$tmp/s0.json" > /dev/null 2> "$tmp/s0.err" &
s0=$!
"$gori" load "$base/ok" --rate 300 -d 2s -c 2 -t 1 --shard 1/2 --start-at "$start" -q \
  --json "$tmp/s1.json" > "$tmp/s1.out" 2>&1
wait "$s0"
expect_eq "$(json "$tmp/s0.json" '290 <= d["requests"] <= 310')" True \
  "shard 0 sends half of 600 ($(json "$tmp/s0.json" 'd["requests"]'))"
expect_eq "$(json "$tmp/s1.json" 'd["config"]["shard"]')" 1/2 "shard in the config"
expect_eq "$(json "$tmp/s1.json" 'd["intervals"][0]["target_rps"]')" 150 "a shard's target is its share"
expect_contains "$(cat "$tmp/s1.out")" "; shard 1 of 2" "summary names the shard"
"$gori" load report "$tmp/s0.json" "$tmp/s1.json" --json "$tmp/shards.json" > /dev/null 2>&1
expect_eq "$?" 0 "shards merge"
expect_eq "$(json "$tmp/shards.json" '590 <= d["requests"] <= 610')" True \
  "merged shards are the whole run ($(json "$tmp/shards.json" 'd["requests"]'))"
expect_eq "$(json "$tmp/shards.json" 'd["config"]["stages"][0]["from_rps"]')" 300 \
  "the schedule is the one both shards shared"
expect_eq "$(json "$tmp/shards.json" 'd["intervals"][0]["target_rps"]')" 300 "per-second target"
expect_eq "$(json "$tmp/shards.json" '[i["second"] for i in d["intervals"]][:2]')" "[0, 1]" \
  "seconds line up"
out=$("$gori" load "$base/ok" -d 1s --start-at 2001-01-01T00:00:00Z 2>&1)
expect_eq "$?" 2 "a start time in the past is a usage error"
expect_contains "$out" "--start-at 2001-01-01T00:00:00Z passed" "and says so"
"$gori" load report "$tmp/m1.json" "$tmp/m2.json" --threshold 'rps > 1000' > /dev/null 2>&1
expect_eq "$?" 99 "a failed threshold on the merged run exits 99"
printf '{"kind": "Pod"}\n' > "$tmp/pod.json"
out=$("$gori" load report "$tmp/m1.json" "$tmp/pod.json" 2>&1)
expect_eq "$?" 2 "a file that is not a result exits 2"
expect_contains "$out" "pod.json:1:1: not a gori load result: 'target' is not a string" "and names it"
printf '{"target": \n' > "$tmp/cut.json"
out=$("$gori" load report "$tmp/cut.json" 2>&1)
expect_eq "$?" 2 "broken JSON exits 2"
expect_match "$out" "cut.json:[0-9]+:[0-9]+: invalid JSON" "with its position"
stop_load_server
start_load_server 100

# Same stall with --drop-late: the queued arrivals are dropped and counted, never lost silently.
stop_load_server
start_load_server 100
"$gori" load "$base/stall" --rate 200 -d 3s -c 1 --max-connections 1 -t 1 -q --drop-late \
  --json "$tmp/drop.json" --threshold 'dropped == 0' > /dev/null 2>&1
rc=$?
expect_eq "$rc" 99 "dropped == 0 fails when arrivals were dropped"
expect_eq "$(json "$tmp/drop.json" 'd["dropped"] >= 100')" True "stalled arrivals are dropped"
expect_eq "$(json "$tmp/drop.json" 'd["requests"] + d["dropped"] >= 590')" True \
  "every slot is sent or counted as dropped"
expect_eq "$(json "$tmp/drop.json" 'd["latency_us"]["p50"] < 100000')" True \
  "dropping keeps the sent requests' latency low"

# --- Thresholds and exit codes (closed model, bounded by -n).
"$gori" load "$base/ok" -n 200 -c 4 -t 2 -q --threshold 'latency.p99 < 5s' \
  --threshold 'error_rate < 1%' --threshold 'rps > 1' > "$tmp/pass.txt" 2>&1
expect_eq "$?" 0 "thresholds that hold exit 0"
expect_contains "$(cat "$tmp/pass.txt")" "ok    latency.p99 < 5s" "passing threshold listed"
"$gori" load "$base/ok" -n 200 -c 4 -q --threshold 'latency.p50 < 1us' \
  --json "$tmp/fail.json" > "$tmp/fail.txt" 2>&1
expect_eq "$?" 99 "a failing threshold exits 99"
expect_contains "$(cat "$tmp/fail.txt")" "FAIL  latency.p50 < 1us" "failing threshold listed"
expect_eq "$(json "$tmp/fail.json" '[(t["expr"], t["ok"]) for t in d["thresholds"]]')" \
  "[('latency.p50 < 1us', False)]" "thresholds in JSON"
expect_eq "$(json "$tmp/fail.json" 'd["requests"]')" 200 "-n bounds the closed model"

# --- Errors by kind.
"$gori" load "$base/500" -n 20 -c 2 -q --json "$tmp/500.json" --threshold 'error_rate < 50%' \
  > /dev/null 2>&1
expect_eq "$?" 99 "5xx responses fail an error_rate threshold"
expect_eq "$(json "$tmp/500.json" '(d["errors"], d["errors_by_kind"]["status_5xx"], d["status"])')" \
  "(20, 20, {'500': 20})" "5xx counted as errors"
expect_eq "$(json "$tmp/500.json" 'd["error_rate"]')" 1 "error rate of all-5xx"

"$gori" load "$base/reset" -n 10 -c 2 -q --json "$tmp/reset.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/reset.json" '(d["errors"], d["errors_by_kind"]["reset"] + d["errors_by_kind"]["closed"], d["requests"])')" \
  "(10, 10, 0)" "connection resets counted as errors"
expect_eq "$(json "$tmp/reset.json" 'd["errors_by_kind"]["reset"] > 0')" True "resets named reset"

"$gori" load "$base/close" -n 10 -c 2 -q --json "$tmp/close.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/close.json" '(d["errors"], d["errors_by_kind"]["closed"])')" "(10, 10)" \
  "server close without a response counted as errors"

"$gori" load "$base/hang" -n 4 -c 2 --timeout 200ms -q --json "$tmp/hang.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/hang.json" '(d["errors"], d["errors_by_kind"]["timeout"])')" "(4, 4)" \
  "timeouts counted as errors"

stop_load_server
"$gori" load "$base/ok" -d 1s -c 2 -q --json "$tmp/refused.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/refused.json" 'd["errors"] > 0 and d["errors"] == d["errors_by_kind"]["connect"]')" \
  True "refused connections counted as connect errors"

# --- Scenario: extraction across steps and CSV data.
start_load_server 100
printf 'user,card\nkim,4111\nlee,5500\npark,3700\n' > "$tmp/users.csv"
cat > "$tmp/scenario.yaml" <<EOF
name: checkout
base_url: $base
defaults: {headers: {content-type: application/json}, timeout: 2s}
load: {model: closed, connections: 3, threads: 1, iterations: 30}
data: {csv: users.csv}
steps:
  - name: ready
    request: {method: POST, path: /ready,
              body: '{"order_id":"{{uuid}}","amount":{{rand_int 1000 50000}}}'}
    check: {status: 200, json: {\$.tid: exists, \$.state: ready}}
    extract: {tid: \$.tid}
  - name: approve
    request: {method: POST, path: /approve, body: '{"tid":"{{tid}}"}'}
    check: {status: 200}
  - name: user
    request: {path: /user, headers: {x-user: '{{row.user}}'}}
thresholds:
  - step.approve.latency.p99 < 2s
  - error_rate == 0%
EOF
"$gori" load -f "$tmp/scenario.yaml" -q --json "$tmp/scenario.json" > "$tmp/scenario.txt" 2>&1
expect_eq "$?" 0 "scenario thresholds hold"
expect_eq "$(json "$tmp/scenario.json" '(d["requests"], d["errors"], d["iterations"])')" \
  "(90, 0, 30)" "30 iterations of 3 steps, no errors"
expect_eq "$(json "$tmp/scenario.json" 'sorted(d["steps"].keys())')" \
  "['approve', 'ready', 'user']" "per-step tables"
expect_eq "$(json "$tmp/scenario.json" 'd["steps"]["approve"]["requests"]')" 30 "approve step count"
expect_eq "$(json "$tmp/scenario.json" 'd["iteration_us"]["count"]')" 30 "iteration histogram"
expect_eq "$(curl -s "$base/stats")" '{"kim": 10, "lee": 10, "park": 10}' \
  "CSV rows used round-robin"

# A check that fails is an error and ends the iteration (later steps are not sent).
sed -e 's/\$.state: ready/$.state: approved/' "$tmp/scenario.yaml" > "$tmp/bad_check.yaml"
"$gori" load -f "$tmp/bad_check.yaml" -q --json "$tmp/bad.json" > /dev/null 2>&1
expect_eq "$?" 99 "failing checks fail the error_rate threshold"
expect_eq "$(json "$tmp/bad.json" '(d["errors_by_kind"]["check"], d["steps"]["approve"]["requests"])')" \
  "(30, 0)" "check failures counted, iteration stopped"

# abort_on_fail stops the run at the first second where a threshold fails.
cat > "$tmp/abort.yaml" <<EOF
base_url: $base
load: {rate: 50, duration: 10s}
steps: [{name: a, request: {path: /ok}}]
thresholds: ['latency.max < 1us']
abort_on_fail: true
EOF
"$gori" load -f "$tmp/abort.yaml" -q --json "$tmp/abort.json" > "$tmp/abort.txt" 2>&1
expect_eq "$?" 99 "abort_on_fail exits 99"
expect_eq "$(json "$tmp/abort.json" '(d["aborted"], d["duration_s"] < 4)')" "(True, True)" \
  "abort_on_fail stops early"
expect_contains "$(cat "$tmp/abort.txt")" "aborted early" "summary says it aborted"

# On a terminal the progress line is rewritten in place.
if command -v script > /dev/null; then
  script -qec "$gori load $base/ok -n 150 --rate 100 -c 1" /dev/null > "$tmp/tty.txt" 2>&1
  expect_contains "$(cat "$tmp/tty.txt")" $'\r\e[K[   1s]' "progress line on a TTY"
fi

# --- Usage errors exit 2 with a message.
usage() {
  local want=$1
  shift
  out=$("$gori" load "$@" 2>&1)
  rc=$?
  expect_eq "$rc" 2 "usage error exit code for: $*"
  expect_contains "$out" "$want" "usage message for: $*"
}
usage "invalid duration '5': missing unit" "$base/ok" -d 5
usage "invalid threshold 'latency.p99 < 5': a time needs a unit" "$base/ok" -n 1 \
  --threshold 'latency.p99 < 5'
usage "use -d DURATION or -n REQUESTS, not both" "$base/ok" -d 1s -n 5
usage "give a URL or a scenario file" -d 1s
usage "invalid URL 'localhost:80': must start with http://, https://, h2c://, grpc:// or grpcs://" localhost:80
usage "invalid stage '1s' in '1s'" "$base/ok" --stages 1s
usage "cannot open" -f "$tmp/missing.yaml"
usage "--drop-late needs an open model" "$base/ok" -n 1 --drop-late
usage "a warm-up needs a run bounded by time" "$base/ok" -n 5 --warmup 1s
usage "invalid shard '2/2': want I/N with 0 <= I < N (e.g. 0/4)" "$base/ok" -d 1s --shard 2/2
usage "invalid instant 'soon'" "$base/ok" -d 1s --start-at soon
printf 'base_url: %s\nsteps: [{name: a, request: {path: /ok}}]\nthresholds: [bogus < 1]\n' \
  "$base" > "$tmp/bad_threshold.yaml"
usage "bad_threshold.yaml:3:14: invalid threshold 'bogus < 1': unknown metric 'bogus'" \
  -f "$tmp/bad_threshold.yaml"

finish
