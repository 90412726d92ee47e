#!/usr/bin/env bash
# gori webhook TLS: 1.2 and 1.3 accepted, 1.1 refused, sessions resumed, and the certificate
# rotated on disk (as cert-manager does, by renaming new files into place) while a client keeps
# sending: no request fails, an open connection keeps working, new connections get the new one.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
source "$2/tests/integration/webhook_lib.sh"
wh_cert tls
cp "$wh_dir/tls.crt" "$wh_dir/first.crt"
wh_start --threads 2 --drain-delay 0ms

s_client() {
  timeout 5 openssl s_client -connect "127.0.0.1:$wh_port" -CAfile "$wh_dir/first.crt" "$@" \
    < /dev/null 2>&1
}
out=$(s_client -tls1_3)
expect_contains "$out" "New, TLSv1.3" "TLS 1.3 handshake"
out=$(s_client -tls1_2)
expect_contains "$out" "New, TLSv1.2" "TLS 1.2 handshake"
expect_contains "$out" "Verify return code: 0 (ok)" "certificate verifies"
out=$(s_client -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0')
expect_contains "$out" "alert protocol version" "TLS 1.1 refused"

# Session resumption (TLS 1.2 tickets; TLS 1.3 tickets arrive after the handshake).
s_client -tls1_2 -sess_out "$wh_dir/sess12" > /dev/null
out=$(s_client -tls1_2 -sess_in "$wh_dir/sess12")
expect_contains "$out" "Reused, TLSv1.2" "TLS 1.2 session resumed"
printf 'GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' |
  timeout 5 openssl s_client -connect "127.0.0.1:$wh_port" -CAfile "$wh_dir/first.crt" -tls1_3 \
    -sess_out "$wh_dir/sess13" -ign_eof > /dev/null 2>&1
out=$(s_client -tls1_3 -sess_in "$wh_dir/sess13")
expect_contains "$out" "Reused, TLSv1.3" "TLS 1.3 session resumed"

# A connection opened before the rotation, kept open across it.
mkfifo "$wh_dir/long_in"
timeout 10 openssl s_client -connect "127.0.0.1:$wh_port" -CAfile "$wh_dir/first.crt" -quiet \
  < "$wh_dir/long_in" > "$wh_dir/long_out" 2>/dev/null &
long_pid=$!
exec 7> "$wh_dir/long_in"
printf 'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n' >&7

# Load: one request after another on fresh connections, trusting both certificates.
cat "$wh_dir/first.crt" > "$wh_dir/both.crt"
wh_cert next
cat "$wh_dir/next.crt" >> "$wh_dir/both.crt"
(
  end=$((SECONDS + 3))
  while [ $SECONDS -lt $end ]; do
    curl -s --max-time 3 --cacert "$wh_dir/both.crt" -o /dev/null -w '%{http_code}\n' \
      -H 'Content-Type: application/json' --data-binary "@$wh_data/create_clean.json" \
      "https://127.0.0.1:$wh_port/validate"
  done
) > "$wh_dir/codes" &
load_pid=$!
sleep 1
# The rotation: key first, then certificate, each renamed into place (a half-rotated state is
# refused and retried, keeping the old pair).
cp "$wh_dir/next.key" "$wh_dir/tls.key.tmp" && mv "$wh_dir/tls.key.tmp" "$wh_dir/tls.key"
sleep 0.3
cp "$wh_dir/next.crt" "$wh_dir/tls.crt.tmp" && mv "$wh_dir/tls.crt.tmp" "$wh_dir/tls.crt"
for _ in $(seq 40); do
  grep -q "certificate reloaded" "$wh_dir/server.log" && break
  sleep 0.1
done
expect_contains "$(cat "$wh_dir/server.log")" "certificate reloaded" "reload logged"
wait "$load_pid"
total=$(wc -l < "$wh_dir/codes")
ok=$(grep -c '^200$' "$wh_dir/codes")
expect_eq "$ok" "$total" "every request during the rotation succeeded ($ok of $total)"
expect_match "$total" '^[1-9][0-9]*$' "the load loop sent requests"

# New connections now present the new certificate...
out=$(timeout 5 openssl s_client -connect "127.0.0.1:$wh_port" -CAfile "$wh_dir/next.crt" < /dev/null 2>&1)
expect_contains "$out" "subject=CN = gori-webhook-next" "new connections get the new certificate"
expect_contains "$out" "Verify return code: 0 (ok)" "new certificate verifies"
# ...and the connection opened before the rotation still works.
printf 'GET /readyz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' >&7
exec 7>&-
wait "$long_pid"
expect_eq "$(grep -c '^HTTP/1.1 200 OK' "$wh_dir/long_out")" "2" "open connection survives the rotation"
metrics=$(wh_curl /metrics --cacert "$wh_dir/next.crt")
expect_contains "$metrics" "gori_webhook_tls_reloads_total 1" "reload counted"
kill -TERM "$wh_pid"
wait "$wh_pid"
expect_eq "$?" 0 "exit code after SIGTERM"
finish
