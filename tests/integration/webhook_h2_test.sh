#!/usr/bin/env bash
# gori webhook over HTTP/2 (the API server speaks h2 to webhooks that offer it by ALPN): curl
# negotiates h2 and gets the same AdmissionReview answer as over HTTP/1.1, a client offering only
# http/1.1 gets HTTP/1.1, the server announces its stream limit, and gori load drives many
# concurrent streams over two connections without an error, every one counted in /metrics.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
source "$2/tests/integration/webhook_lib.sh"
wh_cert tls
wh_start --threads 2 --drain-delay 0ms

url="https://127.0.0.1:$wh_port"
version() {
  curl -s --max-time 5 --cacert "$wh_dir/tls.crt" -o /dev/null -w '%{http_version}' "$@"
}
expect_eq "$(version --http2 "$url/healthz")" "2" "curl --http2 negotiates h2"
expect_eq "$(version --http1.1 "$url/healthz")" "1.1" "a client offering http/1.1 gets it"

review() {
  curl -s --max-time 5 --cacert "$wh_dir/tls.crt" -H 'Content-Type: application/json' \
    --data-binary "@$wh_data/$1" "$2" "$url/validate"
}
for f in create_clean.json create_privileged.json; do
  h1=$(review "$f" --http1.1)
  h2=$(review "$f" --http2)
  expect_eq "$h2" "$h1" "$f: the same answer over h2 and HTTP/1.1"
done
expect_contains "$(review create_privileged.json --http2)" '"allowed":false' "h2 review denies"

settings=$(timeout 5 nghttp -nv "$url/healthz" 2>&1)
expect_contains "$settings" "SETTINGS_MAX_CONCURRENT_STREAMS(0x03):100" "stream limit announced"
expect_contains "$settings" ":status: 200" "nghttp gets an answer"

"$gori" load "$url/validate" --http 2 --streams 8 -c 2 -t 1 -n 400 --cacert "$wh_dir/tls.crt" \
  -m POST -H 'content-type: application/json' --body "@$wh_data/create_clean.json" \
  -q --json "$wh_dir/load.json" > "$wh_dir/load.txt" 2>&1
expect_eq "$?" 0 "gori load over h2 exit code"
load=$(cat "$wh_dir/load.json")
expect_contains "$load" '"protocol": "h2"' "gori load spoke h2"
expect_contains "$load" '"200": 400' "every review answered 200"
metrics=$(wh_curl /metrics --http2)
expect_contains "$metrics" 'decision="allowed"} 40' "reviews counted in metrics"
finish
