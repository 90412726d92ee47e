#!/usr/bin/env bash
# The rollout rehearsal of examples/canary/rehearsal/ as written: gori load -> the test service
# -> Prometheus scraping every second -> gori canary judge. Two rehearsals run side by side: the
# canary 1.5x slower must fail (latency high), the same release must not fail.
set -u
gori=$1
src=$2
. "$src/tests/integration/lib.sh"
. "$src/tests/integration/canary_lib.sh"
canary_need_prometheus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rehearse="$src/examples/canary/rehearsal/rehearse.sh"
timeout 100 "$rehearse" "$gori" 1.5 20 --format json > "$tmp/slow.json" 2> "$tmp/slow.err" &
slow_pid=$!
timeout 100 "$rehearse" "$gori" 1 20 --format json > "$tmp/same.json" 2> "$tmp/same.err" &
same_pid=$!
wait "$slow_pid"
slow_rc=$?
wait "$same_pid"
same_rc=$?
field() {  # FILE PYTHON-EXPR over `v` (the parsed verdict)
  python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print($2)" "$1" 2>&1
}
expect_eq "$slow_rc" "1" "slower canary: exit code ($(cat "$tmp/slow.err"))"
expect_eq "$(field "$tmp/slow.json" 'v["verdict"]')" "fail" "slower canary: verdict"
expect_eq "$(field "$tmp/slow.json" 'v["metrics"][0]["class"]')" "high" "slower canary: latency high"
expect_eq "$(field "$tmp/slow.json" 'v["metrics"][0]["n_canary"] > 500')" "True" \
  "slower canary: the load's requests reached the judge"
expect_match "$same_rc" '^[034]$' "same release: not a failure ($(cat "$tmp/same.err"))"
expect_match "$(field "$tmp/same.json" 'v["verdict"]')" '^(pass|inconclusive|marginal)$' \
  "same release: verdict"
expect_eq "$(field "$tmp/same.json" 'v["metrics"][1]["class"]')" "pass" "same release: no errors"
finish
