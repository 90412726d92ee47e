#!/usr/bin/env bash
# gori load over HTTP/2 against a real nginx (Debian nginx-light, http_v2 module) started with
# its own config on free 127.0.0.1 ports: h2c with prior knowledge, h2 over TLS by ALPN (auto and
# demanded), HTTP/1.1 kept with --http 1.1, clear errors when the server does not speak h2,
# streams per connection, the open model, a two-step scenario with extraction, --connect-to,
# and merging h2 results.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
source "$src/tests/integration/nginx_lib.sh"

tmp=$(mktemp -d)
trap 'stop_nginx; rm -rf "$tmp"' EXIT

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
h2c_port=$(free_port)
h2_port=$(free_port)
h1tls_port=$(free_port)
h1_port=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/key.pem" \
  -out "$tmp/cert.pem" -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2> /dev/null
mkdir -p "$tmp/www/item" "$tmp/tmp"
printf 'hello over h2\n' > "$tmp/www/index.html"
printf '{"id": "x1"}\n' > "$tmp/www/first.json"
printf '{"ok": true}\n' > "$tmp/www/item/x1"
start_nginx "$tmp" "http2_max_concurrent_streams 64;
  ssl_certificate $tmp/cert.pem;
  ssl_certificate_key $tmp/key.pem;
  server { listen 127.0.0.1:$h2c_port http2; root $tmp/www; }
  server { listen 127.0.0.1:$h2_port ssl http2; root $tmp/www; }
  server { listen 127.0.0.1:$h1tls_port ssl; root $tmp/www; }
  server { listen 127.0.0.1:$h1_port; root $tmp/www; }"
wait_http "http://127.0.0.1:$h1_port/"
expect_eq "$(curl -s --http2-prior-knowledge "http://127.0.0.1:$h2c_port/")" "hello over h2" \
  "nginx speaks h2c"

# h2c with prior knowledge, 2 connections x 10 streams.
"$gori" load "h2c://127.0.0.1:$h2c_port/" -c 2 -t 1 --streams 10 -d 2s -q \
  --json "$tmp/h2c.json" > "$tmp/h2c.txt"
expect_eq "$?" 0 "h2c exit code"
expect_eq "$(json "$tmp/h2c.json" '(d["protocol"], d["errors"], d["requests"] > 1000, d["status"]["200"] == d["requests"])')" \
  "('h2c', 0, True, True)" "h2c: many 200s, no errors"
expect_contains "$(cat "$tmp/h2c.txt")" "closed-loop; 1 thread, 2 connections; h2c" "summary names h2c"
# --http 2 on a plain http:// URL is h2c too.
"$gori" load "http://127.0.0.1:$h2c_port/" --http 2 -c 1 -n 200 -q --json "$tmp/h2c2.json" > /dev/null
expect_eq "$(json "$tmp/h2c2.json" '(d["protocol"], d["requests"], d["errors"])')" "('h2c', 200, 0)" \
  "--http 2 on http://"

# TLS: h2 chosen by ALPN when offered (auto), demanded with --http 2, refused with --http 1.1.
"$gori" load "https://127.0.0.1:$h2_port/" -k -c 2 --streams 50 -d 2s -q --json "$tmp/h2.json" > /dev/null
expect_eq "$(json "$tmp/h2.json" '(d["protocol"], d["errors"], d["requests"] > 1000)')" \
  "('h2', 0, True)" "https auto: h2 by ALPN"
"$gori" load "https://127.0.0.1:$h2_port/" -k --http 1.1 -c 2 -n 300 -q --json "$tmp/h11.json" > /dev/null
expect_eq "$(json "$tmp/h11.json" '(d["protocol"], d["requests"], d["errors"])')" "('http/1.1', 300, 0)" \
  "--http 1.1 over TLS"
"$gori" load "https://127.0.0.1:$h1tls_port/" -k -c 1 -n 50 -q --json "$tmp/auto1.json" > /dev/null
expect_eq "$(json "$tmp/auto1.json" '(d["protocol"], d["requests"], d["errors"])')" "('http/1.1', 50, 0)" \
  "auto falls back to HTTP/1.1 when h2 is not offered"
"$gori" load "https://127.0.0.1:$h1tls_port/" -k --http 2 -c 1 -d 1s -q --json "$tmp/refused.json" > /dev/null
expect_eq "$(json "$tmp/refused.json" '(d["requests"], d["errors"] > 0, d["errors_by_kind"]["connect"] == d["errors"])')" \
  "(0, True, True)" "--http 2 against a server without h2: connect errors"
expect_match "$(json "$tmp/refused.json" 'd["error_examples"]["connect"]')" \
  "^the server refused HTTP/2: (ALPN chose 'http/1.1'|no ALPN protocol in common)" "clear ALPN error"
# Prior knowledge against an HTTP/1.1-only port: a protocol error, not a hang or a crash.
"$gori" load "h2c://127.0.0.1:$h1_port/" -c 1 -n 5 --timeout 2s -q --json "$tmp/noh2c.json" > /dev/null
expect_eq "$(json "$tmp/noh2c.json" '(d["requests"], d["errors"] > 0)')" "(0, True)" \
  "h2c against HTTP/1.1: errors"
expect_match "$(json "$tmp/noh2c.json" '" ".join(d["error_examples"].values())')" \
  "HTTP/2 connection error|closed the connection" "h2c against HTTP/1.1: why"

# The peer's SETTINGS_MAX_CONCURRENT_STREAMS (64) caps --streams 500: nginx refuses nothing.
"$gori" load "h2c://127.0.0.1:$h2c_port/" -c 1 --streams 500 -d 1s -q --json "$tmp/cap.json" > /dev/null
expect_eq "$(json "$tmp/cap.json" '(d["errors"], d["errors_by_kind"]["refused"], d["requests"] > 500)')" \
  "(0, 0, True)" "streams capped by the server's limit"

# Open model over h2: the schedule is kept.
"$gori" load "h2c://127.0.0.1:$h2c_port/" -c 1 --streams 8 --rate 400 -d 2s -q \
  --json "$tmp/open.json" > /dev/null
expect_eq "$(json "$tmp/open.json" '(d["model"], d["protocol"], 780 <= d["requests"] <= 820, d["errors"])')" \
  "('open', 'h2c', True, 0)" "open model over h2c"

# A scenario over h2 with extraction; --connect-to sends it to the real port.
cat > "$tmp/flow.yaml" <<EOF
name: flow
base_url: https://127.0.0.1:9/
load: {connections: 1, iterations: 100}
steps:
  - name: first
    request: {path: /first.json}
    check: {status: 200}
    extract: {id: \$.id}
  - name: item
    request: {path: "/item/{{id}}"}
    check: {status: 200, json: {\$.ok: "true"}}
EOF
"$gori" load -f "$tmp/flow.yaml" -k --http 2 --streams 4 --connect-to "127.0.0.1:$h2_port" -q \
  --json "$tmp/flow.json" > /dev/null
expect_eq "$(json "$tmp/flow.json" '(d["protocol"], d["requests"], d["errors"], d["steps"]["item"]["requests"])')" \
  "('h2', 200, 0, 100)" "scenario with extraction over h2"

# Merged h2 results keep the protocol.
"$gori" load report "$tmp/h2c.json" "$tmp/h2c2.json" --json "$tmp/merged.json" > /dev/null
expect_eq "$(json "$tmp/merged.json" 'd["protocol"]')" "h2c" "merge keeps the protocol"

finish
