#!/usr/bin/env bash
# gori load says what happened: a 500's real status in the first-error line, no rate made up
# from a fraction of a second, a run where nothing succeeded exits 99 without thresholds,
# `gori load report` refuses to count a result or a shard twice, and --emit-k8s names the
# namespace in its kubectl commands and warns about a loopback target. Runs are bounded (-n).
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
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

start_load_server 100
out=$("$gori" load "$base/500" -n 4 -c 1 -q --json "$tmp/500.json" 2>&1)
expect_eq "$?" 99 "only 500s: nothing succeeded, exit 99 without thresholds"
expect_match "$out" "first status_5xx: step '[^']*': status 500" "the 500 is reported as 500"
expect_contains "$out" "FAIL  no request succeeded" "and the summary says why"
expect_match "$(json "$tmp/500.json" 'd["error_examples"]["status_5xx"]')" 'status 500$' \
  "the JSON example has the real status"
expect_eq "$(json "$tmp/500.json" 'd["succeeded"]')" 0 "succeeded in the JSON"

# A couple of requests take milliseconds: their second's count is not extrapolated into a rate.
out=$("$gori" load "$base/ok" -n 2 -c 1 -q --json "$tmp/two.json" 2>&1)
expect_eq "$?" 0 "two good requests exit 0"
expect_contains "$out" "requests 2 in " "two requests"
expect_eq "$(json "$tmp/two.json" '(d["intervals"][-1]["rps"], 0 < d["intervals"][-1]["partial_s"] < 1)')" \
  "(None, True)" "the last, partial second has no rate, its length instead"

# The same result or shard twice is refused; different schedules of independent runs warn.
"$gori" load "$base/ok" -n 5 -c 1 -q --json "$tmp/a.json" > /dev/null 2>&1
"$gori" load "$base/ok" -n 5 -c 1 -q --json "$tmp/b.json" > /dev/null 2>&1
cp "$tmp/a.json" "$tmp/a-copy.json"
out=$("$gori" load report "$tmp/a.json" "$tmp/a-copy.json" 2>&1)
expect_eq "$?" 2 "the same result twice exits 2"
expect_contains "$out" "a.json and $tmp/a-copy.json hold the same result" "and names both files"
python3 - "$tmp/a.json" "$tmp/b.json" <<'PY'
import json, sys
for f in sys.argv[1:]:
    d = json.load(open(f)); d["config"]["shard"] = "1/2"; json.dump(d, open(f, "w"))
PY
out=$("$gori" load report "$tmp/a.json" "$tmp/b.json" 2>&1)
expect_eq "$?" 2 "the same shard twice exits 2"
expect_contains "$out" "are both shard 1/2" "and says which"

stop_load_server
out=$("$gori" load "$base/ok" -n 3 -c 1 -q --json "$tmp/refused.json" 2>&1)
expect_eq "$?" 99 "connection refused throughout: exit 99 without thresholds"
expect_contains "$out" "FAIL  no request succeeded" "refused run says nothing succeeded"

err=$("$gori" load --emit-k8s 2 -f "$src/examples/load/checkout.yaml" --namespace load-test 2>&1 >"$tmp/job.yaml")
expect_eq "$?" 0 "--emit-k8s exit code"
expect_contains "$(cat "$tmp/job.yaml")" "#   kubectl -n load-test apply -f THIS_FILE" "kubectl -n NAMESPACE"
expect_contains "$err" "gori load: warning: the scenario targets 127.0.0.1, which inside each pod is the pod itself" \
  "a loopback base URL is warned about"
finish
