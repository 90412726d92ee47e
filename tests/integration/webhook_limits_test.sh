#!/usr/bin/env bash
# gori webhook limits, each with a clear answer: body > 3 MiB -> 413, header section too large
# -> 431, a request that does not arrive in time -> 408, a TLS handshake that never starts is
# dropped, idle keep-alive connections are closed, connections over --max-connections -> 503.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
source "$2/tests/integration/webhook_lib.sh"
wh_cert tls
wh_start --threads 1 --read-timeout 400ms --idle-timeout 600ms --max-connections 2 \
  --drain-delay 0ms

# 3 MiB + 1 byte of body.
head -c $((3 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' > "$wh_dir/big.json"
out=$(wh_curl /validate -H 'Content-Type: application/json' -H 'Expect:' --data-binary "@$wh_dir/big.json")
expect_eq "$out" "413 body too large" "body over 3 MiB"
# Exactly 3 MiB of whitespace is within the limit: it reaches the JSON parser (400, not 413).
head -c $((3 * 1024 * 1024)) /dev/zero | tr '\0' ' ' > "$wh_dir/max.json"
out=$(wh_curl /validate -H 'Content-Type: application/json' --data-binary "@$wh_dir/max.json")
expect_match "$out" '^400 malformed JSON' "body of exactly 3 MiB is read"

big_header=$(head -c 20000 /dev/zero | tr '\0' 'a')
out=$(wh_curl /healthz -H "X-Big: $big_header")
expect_eq "$out" "431 header section too large" "header section over 16 KiB"

out=$(printf 'POST /validate HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{"partial":' | wh_raw 5 | tr -d '\r')
expect_contains "$out" "HTTP/1.1 408 Request Timeout" "slow request gets 408"
expect_contains "$out" "request not received in time" "408 body"

out=$(printf 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' | wh_raw 5 | tr -d '\r')
expect_contains "$out" "HTTP/1.1 400 Bad Request" "CL+TE smuggling shape is 400"

# A TCP client that never starts TLS is dropped after the read timeout (slowloris).
start=$(date +%s%N)
timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$wh_port; cat <&3 >/dev/null"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_match "$elapsed_ms" '^([3-9][0-9]{2}|1[0-9]{3})$' "handshake never started: closed after ~400 ms (took ${elapsed_ms} ms)"

# An idle keep-alive connection is closed by the server after the idle timeout.
start=$(date +%s%N)
out=$(printf 'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n' | wh_raw 5 | tr -d '\r' | head -1)
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_eq "$out" "HTTP/1.1 200 OK" "request before idling"
expect_match "$elapsed_ms" '^([5-9][0-9]{2}|1[0-9]{3}|2[0-9]{3})$' "idle connection closed after ~600 ms (took ${elapsed_ms} ms)"

# Two connections held open (the limit), the third is answered 503 and closed.
mkfifo "$wh_dir/hold1" "$wh_dir/hold2"
holders=()
for h in hold1 hold2; do
  (sleep 1.5 > "$wh_dir/$h") &
  holders+=($!)
  timeout 4 openssl s_client -connect "127.0.0.1:$wh_port" -quiet < "$wh_dir/$h" > /dev/null 2>&1 &
  holders+=($!)
done
sleep 0.3
out=$(wh_curl /healthz)
expect_eq "$out" "503 too many connections" "connection over the limit"
wait "${holders[@]}"
metrics=$(wh_curl /metrics)
expect_contains "$metrics" 'gori_webhook_errors_total{kind="body_too_large"} 1' "413 counted"
expect_contains "$metrics" 'gori_webhook_errors_total{kind="header_too_large"} 1' "431 counted"
expect_contains "$metrics" 'gori_webhook_errors_total{kind="read_timeout"} 1' "408 counted"
expect_contains "$metrics" 'gori_webhook_errors_total{kind="tls_handshake_timeout"} 1' "handshake timeout counted"
expect_contains "$metrics" 'gori_webhook_errors_total{kind="connection_limit"} 1' "503 counted"
kill -TERM "$wh_pid"
wait "$wh_pid"
expect_eq "$?" 0 "exit code after SIGTERM"
finish
