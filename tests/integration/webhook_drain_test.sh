#!/usr/bin/env bash
# SIGTERM drain with zero failed requests: a client keeps sending while the webhook drains;
# /readyz turns 503 at once, requests keep succeeding during --drain-delay (with Connection:
# close), a request in progress when the listener closes is still answered, and the process
# exits 0.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
source "$2/tests/integration/webhook_lib.sh"
wh_cert tls
# The delay leaves the steady client (1.2 s) a wide margin on a loaded machine.
wh_start --threads 2 --drain-delay 3s --drain-timeout 10s

# A request in progress: headers and half of the body now, the rest after the listener closed.
body=$(cat "$wh_data/create_clean.json")
half=$(( ${#body} / 2 ))
mkfifo "$wh_dir/slow_in"
timeout 10 openssl s_client -connect "127.0.0.1:$wh_port" -CAfile "$wh_dir/tls.crt" -quiet \
  < "$wh_dir/slow_in" > "$wh_dir/slow_out" 2>/dev/null &
slow_pid=$!
exec 7> "$wh_dir/slow_in"
printf 'POST /validate HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
  "${#body}" "${body:0:$half}" >&7

# The steady client: a new connection per request, for 1.2 s from now (SIGTERM comes at 0.4 s),
# HTTP/2 (ALPN) and HTTP/1.1 in turn: the drain must not cost a request on either.
(
  end=$(( $(date +%s%N) + 1200000000 ))
  proto=--http2
  while [ "$(date +%s%N)" -lt $end ]; do
    if [ $proto = --http2 ]; then proto=--http1.1; else proto=--http2; fi
    curl -s $proto --max-time 3 --cacert "$wh_dir/tls.crt" -o /dev/null -w '%{http_code}\n' \
      -H 'Content-Type: application/json' --data-binary "@$wh_data/create_clean.json" \
      "https://127.0.0.1:$wh_port/validate"
  done
) > "$wh_dir/codes" &
load_pid=$!
sleep 0.4
kill -TERM "$wh_pid"
sleep 0.2
expect_eq "$(wh_curl /readyz)" "503 not ready" "readyz during the drain"
wait "$load_pid"
total=$(wc -l < "$wh_dir/codes")
ok=$(grep -c '^200$' "$wh_dir/codes")
expect_eq "$ok" "$total" "no request failed during the drain ($ok of $total; codes: $(sort "$wh_dir/codes" | uniq -c | tr -s " \n" " "))"
expect_match "$total" '^[1-9][0-9]*$' "the client sent requests"

# Past the drain delay the listener is closed...
for _ in $(seq 200); do
  grep -q "stopped accepting" "$wh_dir/server.log" && break
  sleep 0.05
done
expect_contains "$(cat "$wh_dir/server.log")" "stopped accepting" "listener closed after the delay"
code=$(curl -s --max-time 2 --cacert "$wh_dir/tls.crt" -o /dev/null -w '%{http_code}' \
  "https://127.0.0.1:$wh_port/healthz")
expect_eq "$code" "000" "new connections refused after the delay"
# ...but the request in progress is answered, with Connection: close, and then the process ends.
printf '%s' "${body:$half}" >&7
exec 7>&-
wait "$slow_pid"
out=$(tr -d '\r' < "$wh_dir/slow_out")
expect_contains "$out" "HTTP/1.1 200 OK" "in-flight request answered"
expect_contains "$out" "Connection: close" "in-flight answer closes the connection"
expect_contains "$out" '"allowed":true' "in-flight answer is the review"
wait "$wh_pid"
expect_eq "$?" 0 "exit code after the drain"
expect_contains "$(cat "$wh_dir/server.log")" "gori webhook: stopped" "stopped logged"
finish
