#!/usr/bin/env bash
# The bundled load scenarios run as written against the test server on 127.0.0.1, with only
# base_url and the run length shortened: examples/load/checkout.yaml, and the distributed run
# of examples/load/distributed-job.yaml — its scenario from the ConfigMap, run as two shards
# started together whose stdout (the pods' logs) `gori load report` merges; the manifests
# themselves pass gori check.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

python3 "$src/tests/integration/load_server.py" > "$tmp/port" 2> "$tmp/server.log" &
server_pid=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(head -1 "$tmp/port")

cp "$src/examples/load/users.csv" "$tmp/"
sed -e "s|base_url: http://127.0.0.1:8080|base_url: http://127.0.0.1:$port|" \
    -e 's|{duration: 10s, target: 50}|{duration: 1s, target: 20}|' \
    -e 's|{duration: 30s, target: 50}|{duration: 1s, target: 20}|' \
    "$src/examples/load/checkout.yaml" > "$tmp/checkout.yaml"
timeout 60 "$gori" load -f "$tmp/checkout.yaml" -q --json "$tmp/out.json" > "$tmp/out.txt" 2>&1
rc=$?
expect_eq "$rc" 0 "example scenario thresholds hold"
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["errors"], sorted(d["steps"]))' "$tmp/out.json")" \
  "0 ['approve', 'ready']" "both steps ran without errors"

job="$src/examples/load/distributed-job.yaml"
out=$("$gori" check "$job" 2>&1)
expect_eq "$?" 0 "the distributed Job passes gori check"
expect_contains "$out" "0 findings in 6 objects" "with no finding at all"
python3 - "$job" "$port" > "$tmp/shard.yaml" <<'PY'
import sys
text = open(sys.argv[1]).read()
block = text.split("scenario.yaml: |\n", 1)[1].split("\n---", 1)[0]
lines = [l[4:] if l.startswith("    ") else l for l in block.splitlines()]
print("\n".join(lines).replace("http://checkout.payments.svc.cluster.local:8080",
                               "http://127.0.0.1:" + sys.argv[2]))
PY
start=$(python3 -c 'import time; print("@%.3f" % (time.time() + 1.5))')
for i in 0 1; do
  timeout 60 "$gori" load -f "$tmp/shard.yaml" --shard="$i/2" --start-at="$start" --quiet \
    --json=- -d 2s --rate 40 --warmup 0s -c 4 > "$tmp/shard-$i.json" 2> "$tmp/shard-$i.err" &
  eval "pid$i=\$!"
done
wait "$pid0"
rc0=$?
wait "$pid1"
expect_eq "$rc0 $?" "0 0" "both shards held their thresholds"
expect_eq "$(cat "$tmp/shard-0.err")" "" "--quiet --json=- leaves stderr empty"
"$gori" load report "$tmp/shard-0.json" "$tmp/shard-1.json" --json "$tmp/whole.json" \
  > "$tmp/whole.txt" 2>&1
expect_eq "$?" 0 "the merged run holds the scenario's thresholds"
expect_eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(75 <= d["iterations"] <= 85, d["errors"], sorted(d["steps"]))' "$tmp/whole.json")" \
  "True 0 ['approve', 'ready']" "two shards made the whole 40/s schedule"

# --emit-k8s writes the same kind of Job for any scenario file: it passes gori check, carries
# the scenario and its CSV, and starts the shards --start-in after now.
"$gori" load --emit-k8s 3 -f "$src/examples/load/checkout.yaml" --namespace load-test \
  --image registry.example/gori:1.0 --start-in 5m > "$tmp/emitted.yaml"
expect_eq "$?" 0 "--emit-k8s exit code"
out=$("$gori" check "$tmp/emitted.yaml" 2>&1)
expect_eq "$?" 0 "the emitted manifests pass gori check"
expect_contains "$out" "0 findings in 3 objects" "with no finding"
emitted=$(cat "$tmp/emitted.yaml")
expect_contains "$emitted" "--shard=\$(GORI_SHARD)/3" "three shards"
expect_contains "$emitted" "  \"users.csv\": |2" "the CSV travels in the ConfigMap"
at=$(sed -n 's/^ *value: "\(20[0-9-]*T[0-9:]*Z\)"$/\1/p' "$tmp/emitted.yaml")
lead=$(( $(date -u -d "$at" +%s) - $(date -u +%s) ))
expect_eq "$(( lead >= 290 && lead <= 300 ))" 1 "start instant about 5 minutes ahead ($lead s)"
out=$("$gori" load --emit-k8s 2 http://127.0.0.1:1/ 2>&1)
expect_eq "$?" 2 "--emit-k8s without a scenario file"
expect_contains "$out" "--emit-k8s needs a scenario file (-f)" "says why"
finish
