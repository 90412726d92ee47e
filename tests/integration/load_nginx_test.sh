#!/usr/bin/env bash
# gori load's quick form against a real nginx (Debian nginx-light) that the test starts with its
# own config on a free 127.0.0.1 port, in a temp dir: closed and open models, -n, stages,
# Poisson arrivals, POST with headers and a body file, progress lines, --quiet, --json, --hlog.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
source "$src/tests/integration/nginx_lib.sh"

tmp=$(mktemp -d)
trap 'stop_nginx; rm -rf "$tmp"' EXIT

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

port=$(free_port)
tls_port=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/key.pem" \
  -out "$tmp/cert.pem" -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2> /dev/null
mkdir -p "$tmp/www" "$tmp/tmp"
printf 'hello from nginx\n' > "$tmp/www/index.html"
start_nginx "$tmp" "server {
    listen 127.0.0.1:$port;
    root $tmp/www;
    location = /post { if (\$http_x_test != \"yes\") { return 400; } return 200 \"posted\"; }
  }
  server {
    listen 127.0.0.1:$tls_port ssl;
    ssl_certificate $tmp/cert.pem;
    ssl_certificate_key $tmp/key.pem;
    root $tmp/www;
  }"
wait_http "http://127.0.0.1:$port/"
url="http://127.0.0.1:$port/"
expect_eq "$(curl -s "$url")" "hello from nginx" "nginx is up"

# Closed model (like wrk), with non-TTY progress lines on stderr.
"$gori" load "$url" -c 4 -t 2 -d 2s --json "$tmp/closed.json" > "$tmp/closed.txt" \
  2> "$tmp/closed.err"
expect_eq "$?" 0 "closed run exit code"
expect_eq "$(json "$tmp/closed.json" 'd["errors"] == 0 and d["requests"] > 1000')" True \
  "closed run: many requests, no errors"
expect_eq "$(json "$tmp/closed.json" 'd["status"]["200"] == d["requests"]')" True "all 200"
expect_eq "$(json "$tmp/closed.json" '(d["model"], d["config"]["connections"], d["config"]["threads"])')" \
  "('closed-loop', 4, 2)" "closed run config"
expect_eq "$(json "$tmp/closed.json" '1.9 <= d["duration_s"] <= 2.5')" True "closed run duration"
expect_match "$(head -1 "$tmp/closed.err")" '^\[   1s\] [0-9]+ req/s  in-flight [0-9]+  p50 ' \
  "plain progress lines when stderr is not a TTY"
expect_contains "$(cat "$tmp/closed.txt")" "closed-loop" "closed-loop label"
expect_eq "$(grep -c $'\e' "$tmp/closed.err")" 0 "no escape codes off a TTY"

# Open model, constant rate: every intended arrival is sent.
"$gori" load "$url" --rate 500 -d 2s -c 4 -t 2 -q --json "$tmp/open.json" --hlog "$tmp/open.hlog" \
  > /dev/null 2> "$tmp/open.err"
expect_eq "$?" 0 "open run exit code"
expect_eq "$(cat "$tmp/open.err")" "" "--quiet prints nothing on stderr"
expect_eq "$(json "$tmp/open.json" '(d["requests"], d["errors"], d["dropped"])')" "(1000, 0, 0)" \
  "open run sends 500 req/s for 2 s"
expect_eq "$(json "$tmp/open.json" 'd["intervals"][0]["target_rps"]')" 500 "target rate per second"
expect_eq "$(head -1 "$tmp/open.hlog")" "#[Histogram log format version 1.3]" "hlog header"
hlog_lines=$(grep -c '^[0-9]' "$tmp/open.hlog")
expect_eq "$((hlog_lines >= 2))" 1 "hlog has a line per second ($hlog_lines)"
expect_eq "$(python3 - "$tmp/open.hlog" <<'EOF'
import base64, struct, sys, zlib
total = 0
for line in open(sys.argv[1]):
    if not line[0].isdigit():
        continue
    raw = base64.b64decode(line.strip().split(",")[3])
    cookie, length = struct.unpack(">II", raw[:8])
    plain = zlib.decompress(raw[8:8 + length])
    assert cookie == 0x1c849314 and struct.unpack(">I", plain[:4])[0] == 0x1c849313
    total += 1
print(total >= 2)
EOF
)" True "hlog intervals decode as compressed V2 histograms"

# -n bounds the open model too; stages ramp; Poisson keeps the mean rate.
"$gori" load "$url" --rate 1000 -n 300 -q --json "$tmp/n.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/n.json" 'd["requests"]')" 300 "-n with --rate"
"$gori" load "$url" --stages 1s:0-400,1s:400 -q --json "$tmp/stages.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/stages.json" 'd["requests"]')" 600 "stages 0-400 then 400"
"$gori" load "$url" --rate 500 --arrivals poisson -d 2s --seed 7 -q --json "$tmp/poisson.json" \
  > /dev/null 2>&1
expect_eq "$(json "$tmp/poisson.json" '850 <= d["requests"] <= 1150')" True \
  "Poisson arrivals keep the mean rate ($(json "$tmp/poisson.json" 'd["requests"]'))"

# POST with headers and a body from a file.
printf '{"amount": 1200}' > "$tmp/body.json"
"$gori" load "${url}post" -m POST -H 'X-Test: yes' -H 'Content-Type: application/json' \
  --body @"$tmp/body.json" -n 50 -c 2 -q --json "$tmp/post.json" \
  --threshold 'error_rate == 0%' > /dev/null 2>&1
expect_eq "$?" 0 "POST with header passes"
expect_eq "$(json "$tmp/post.json" 'd["status"]')" "{'200': 50}" "POST answered 200"
"$gori" load "${url}post" -m POST -n 10 -c 2 -q --json "$tmp/post400.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/post400.json" '(d["errors_by_kind"]["status_4xx"], d["status"])')" \
  "(10, {'400': 10})" "4xx counted as errors"

# HTTPS through the OpenSSL transport: verified with --cacert, refused without, -k skips it.
tls_url="https://127.0.0.1:$tls_port/"
"$gori" load "$tls_url" --cacert "$tmp/cert.pem" -n 300 -c 4 -t 2 -q --json "$tmp/tls.json" \
  > /dev/null 2>&1
expect_eq "$(json "$tmp/tls.json" '(d["requests"], d["errors"], d["status"])')" \
  "(300, 0, {'200': 300})" "https with --cacert"
"$gori" load "$tls_url" -n 4 -c 2 -q --json "$tmp/tls_bad.json" > "$tmp/tls_bad.txt" 2>&1
expect_eq "$(json "$tmp/tls_bad.json" '(d["errors_by_kind"]["connect"], d["requests"])')" "(4, 0)" \
  "an unverifiable certificate is a connect error"
expect_contains "$(cat "$tmp/tls_bad.txt")" "first connect: " "the reason is shown"
expect_contains "$(cat "$tmp/tls_bad.txt")" "certificate verify failed" "the reason names the check"
"$gori" load "$tls_url" -k --rate 200 -d 1s -c 2 -q --json "$tmp/tls_k.json" > /dev/null 2>&1
expect_eq "$(json "$tmp/tls_k.json" '(d["requests"], d["errors"])')" "(200, 0)" "https with -k"

finish
