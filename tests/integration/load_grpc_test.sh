#!/usr/bin/env bash
# gori load grpc:// against a real gRPC server (Debian's python3-grpcio, the service of
# tests/testdata/grpc/pay.proto): --proto and --protoset, templated JSON bodies, metadata,
# grpc_status counted by name (UNAVAILABLE in trailers, PERMISSION_DENIED Trailers-Only),
# grpc_status thresholds, DEADLINE_EXCEEDED from grpc-timeout, a Unix socket, extraction from
# decoded replies, and the coordinated-omission check over h2: a 1 s server stall while gori sends
# at a fixed rate shows in p99.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"

tmp=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

proto="$src/tests/testdata/grpc/pay.proto"
protoc -I "$src/tests/testdata/grpc" --python_out="$tmp" "$proto"
protoc -I "$src/tests/testdata/grpc" --include_imports --descriptor_set_out="$tmp/pay.protoset" "$proto"
start_grpc() {
  /usr/bin/python3 "$src/tests/integration/grpc_server.py" "$tmp" "$tmp/grpc.sock" "$@" \
    > "$tmp/port" 2> "$tmp/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    [ -s "$tmp/port" ] && break
    sleep 0.1
  done
  port=$(head -1 "$tmp/port")
}
stop_grpc() {
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=
  : > "$tmp/port"
  rm -f "$tmp/grpc.sock"
}
start_grpc
[ -n "$port" ] || { echo "FAIL: the gRPC server did not start: $(cat "$tmp/server.log")" >&2; exit 1; }
svc="grpc://127.0.0.1:$port/gori.test.Payments"

"$gori" load "$svc/Pay" --proto "$proto" --body '{"order_id": "{{uuid}}", "amount": 1500}' \
  -H 'x-tenant: t1' -c 2 --streams 8 -d 2s -q --json "$tmp/pay.json" > "$tmp/pay.txt" \
  --threshold 'grpc_status{code="OK"} >= 99.9%' --threshold 'error_rate < 0.1%'
expect_eq "$?" 0 "Pay exit code"
expect_eq "$(json "$tmp/pay.json" '(d["protocol"], d["errors"], d["requests"] > 200, d["grpc_status"] == {"OK": d["requests"]})')" \
  "('h2c', 0, True, True)" "Pay: all OK"
expect_contains "$(cat "$tmp/pay.txt")" "  grpc     OK: " "summary counts gRPC statuses"

# A descriptor set instead of the .proto; UNAVAILABLE in trailers is an error, and a threshold
# on it fails the run (exit 99).
"$gori" load "$svc/Down" --protoset "$tmp/pay.protoset" --body '{}' -c 1 -n 40 -q \
  --json "$tmp/down.json" --threshold 'grpc_status.UNAVAILABLE < 0.1%' > /dev/null
expect_eq "$?" 99 "UNAVAILABLE threshold fails"
expect_eq "$(json "$tmp/down.json" '(d["requests"], d["errors"], d["error_rate"], d["grpc_status"], d["errors_by_kind"]["grpc"])')" \
  "(40, 40, 1, {'UNAVAILABLE': 40}, 40)" "Down: UNAVAILABLE counted"
expect_eq "$(json "$tmp/down.json" 'd["error_examples"]["grpc"]')" \
  "step 'request': grpc-status UNAVAILABLE (14): backend down" "Down: why"
# Trailers-Only responses.
"$gori" load "$svc/Deny" --proto "$proto" --body '{}' -c 1 -n 30 -q --json "$tmp/deny.json" > /dev/null
expect_eq "$(json "$tmp/deny.json" '(d["requests"], d["errors"], d["grpc_status"])')" \
  "(30, 30, {'PERMISSION_DENIED': 30})" "Deny: Trailers-Only PERMISSION_DENIED"
# grpc-timeout: the server gives up at the deadline the client sent.
"$gori" load "$svc/Slow" --proto "$proto" --body '{"stall_ms": 400}' -c 1 -n 3 --timeout 100ms \
  -q --json "$tmp/deadline.json" > /dev/null
expect_eq "$(json "$tmp/deadline.json" 'd["errors"]')" "3" "Slow past the deadline: errors"
expect_match "$(json "$tmp/deadline.json" 'str(d["grpc_status"]) + str(d["errors_by_kind"]["timeout"])')" \
  "DEADLINE_EXCEEDED|^\{\}3$" "deadline errors"
# Unix domain socket.
"$gori" load "grpc://localhost/gori.test.Payments/Pay" --unix-socket "$tmp/grpc.sock" \
  --proto "$proto" --body '{"order_id": "u"}' -c 1 -n 100 -q --json "$tmp/unix.json" > /dev/null
expect_eq "$(json "$tmp/unix.json" '(d["requests"], d["errors"])')" "(100, 0)" "over a Unix socket"
# Bad input: clear errors, exit 2.
out=$("$gori" load "$svc/Pay" --proto "$proto" --body '{"amount": "lots"}' -n 1 -q 2>&1)
expect_eq "$?" 2 "bad JSON body exit code"
expect_contains "$out" "step 'request': the body is not a gori.test.PayRequest in JSON" "bad body message"
out=$("$gori" load "$svc/Nope" --proto "$proto" -n 1 -q 2>&1)
expect_eq "$?" 2 "unknown method exit code"
expect_contains "$out" "service gori.test.Payments in $proto has no method Nope" "unknown method message"
out=$("$gori" load "$svc/Pay" -n 1 -q 2>&1)
expect_contains "$out" "a grpc:// target needs --proto FILE or --protoset FILE" "no descriptor"

# A scenario: the reply decoded to JSON feeds the next request.
cat > "$tmp/flow.yaml" <<EOF
name: grpc-flow
base_url: grpc://127.0.0.1:$port
load: {connections: 1, iterations: 20}
steps:
  - name: pay
    request: {path: /gori.test.Payments/Pay, body: '{"order_id": "a1", "amount": 7}'}
    check: {json: {\$.tid: "t-a1"}}
    extract: {tid: \$.tid}
  - name: again
    request: {path: /gori.test.Payments/Pay, body: '{"order_id": "{{tid}}"}'}
    check: {json: {\$.tid: "t-t-a1"}}
EOF
"$gori" load -f "$tmp/flow.yaml" --proto "$proto" -q --json "$tmp/flow.json" > /dev/null
expect_eq "$(json "$tmp/flow.json" '(d["requests"], d["errors"])')" "(40, 0)" "scenario with extraction"

# Coordinated omission over h2: from 1 s after the first call the server stalls for 1 s; gori
# sends 100 calls/s for 4 s. Calls due during the stall wait for it, so p99 is near 1 s, while
# the service time of most calls stays small.
stop_grpc
start_grpc 1.0
"$gori" load "grpc://127.0.0.1:$port/gori.test.Payments/Slow" --proto "$proto" --body '{}' \
  -c 2 --streams 100 --rate 100 -d 4s -q --json "$tmp/co.json" > /dev/null
expect_eq "$(json "$tmp/co.json" '(d["errors"], 380 <= d["requests"] <= 420)')" "(0, True)" \
  "stall run: every call answered"
expect_eq "$(json "$tmp/co.json" '800000 <= d["latency_us"]["p99"] <= 1300000')" True \
  "p99 near the 1 s stall"
expect_eq "$(json "$tmp/co.json" 'd["latency_us"]["p50"] < 100000')" True "p50 small"

finish
