#!/usr/bin/env bash
# gori load --html in a real browser: a run against the Python test server on 127.0.0.1 with a
# 1 s stall and a threshold it fails, written as HTML, rendered by headless Chromium (Debian's)
# to a PNG and dumped as DOM. GORI_HTML_PNG=FILE keeps the screenshot for a person to look at.
# Bounded: one 3 s run at 200 req/s.
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

need_browser

start_load_server 100
"$gori" load "$base/stall?x=<a>&y=1" --rate 200 -d 3s -c 1 --max-connections 1 \
  -t 1 -q --threshold 'latency.p99 < 100ms' --html "$tmp/run.html" > /dev/null 2>&1
rc=$?
expect_eq "$rc" 99 "the stall fails the threshold"
html=$(cat "$tmp/run.html")
expect_eq "$(grep -Eic '(src|href)=' "$tmp/run.html")" 0 "no external references"
expect_eq "$(grep -c '<script' "$tmp/run.html")" 0 "no script"
expect_contains "$html" "default-src 'none'" "content security policy"
expect_eq "$(grep -o '<svg ' "$tmp/run.html" | wc -l)" 3 "three plots"
expect_contains "$html" "/stall?x=&lt;a&gt;&amp;y=1" "the URL is escaped"
expect_eq "$(grep -c 'x=<a>' "$tmp/run.html")" 0 "no raw markup from the URL"

chrome shot --window-size=1100,2200 --screenshot="$tmp/run.png" "file://$tmp/run.html" >/dev/null
expect_png "$tmp/run.png" "screenshot"
[ -n "${GORI_HTML_PNG:-}" ] && cp "$tmp/run.png" "$GORI_HTML_PNG"

dom=$(chrome dom --dump-dom "file://$tmp/run.html")
expect_contains "$dom" '<p class="verdict failed">A threshold failed</p>' "verdict"
expect_contains "$dom" "<figcaption>Latency over time (from each request's intended start)</figcaption>" "latency plot"
expect_contains "$dom" "<figcaption>Throughput over time</figcaption>" "throughput plot"
expect_contains "$dom" "<figcaption>Latency by percentile (whole run)</figcaption>" "percentile plot"
expect_contains "$dom" '<td class="l">latency.p99 &lt; 100ms</td>' "threshold row"
expect_match "$dom" '<polyline class="s3" points="[0-9., ]+"' "p99 line drawn"
finish
