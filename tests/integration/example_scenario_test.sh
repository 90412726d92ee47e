#!/usr/bin/env bash
# The bundled load scenario (examples/load/checkout.yaml) runs as written against the test
# server on 127.0.0.1, with only base_url and the run length shortened.
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
finish
