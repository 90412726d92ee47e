# Helpers for tests/integration/webhook_*_test.sh: a certificate made with the openssl CLI, a
# real `gori webhook` on 127.0.0.1 port 0, and clients (curl, openssl s_client) that trust it.
# Everything is bounded in time and cleaned up on exit.
wh_dir=$(mktemp -d /tmp/gori-webhook-test.XXXXXX)
wh_pid=
wh_port=
wh_data="$2/tests/testdata/webhook"
wh_cleanup() {
  if [ -n "$wh_pid" ] && kill -0 "$wh_pid" 2>/dev/null; then kill -KILL "$wh_pid" 2>/dev/null; fi
  jobs -p | xargs -r kill 2>/dev/null
  rm -rf "$wh_dir"
}
trap wh_cleanup EXIT

# wh_cert NAME: writes $wh_dir/NAME.crt and NAME.key for 127.0.0.1 and localhost.
wh_cert() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=gori-webhook-$1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$wh_dir/$1.key" -out "$wh_dir/$1.crt" 2>/dev/null
}

# wh_start [extra flags...]: starts the webhook with $wh_dir/tls.{crt,key}; sets wh_pid, wh_port.
wh_start() {
  "$gori" webhook --listen 127.0.0.1:0 --tls-cert "$wh_dir/tls.crt" --tls-key "$wh_dir/tls.key" \
    "$@" 2> "$wh_dir/server.log" &
  wh_pid=$!
  for _ in $(seq 100); do
    wh_port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$wh_dir/server.log")
    [ -n "$wh_port" ] && return 0
    kill -0 "$wh_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "webhook did not start:" >&2
  cat "$wh_dir/server.log" >&2
  exit 1
}

# wh_curl PATH [curl args...]: prints "CODE BODY".
wh_curl() {
  local path=$1
  shift
  curl -s --max-time 5 --cacert "$wh_dir/tls.crt" -o "$wh_dir/body" -w '%{http_code}' "$@" \
    "https://127.0.0.1:$wh_port$path" > "$wh_dir/code"
  printf '%s %s' "$(cat "$wh_dir/code")" "$(cat "$wh_dir/body")"
}

# wh_review FILE: POSTs a review fixture; prints "CODE BODY".
wh_review() {
  wh_curl /validate -H 'Content-Type: application/json' --data-binary "@$wh_data/$1"
}

# wh_raw SECONDS: runs openssl s_client with stdin as the raw HTTP bytes; prints what came back.
wh_raw() {
  timeout "$1" openssl s_client -connect "127.0.0.1:$wh_port" -CAfile "$wh_dir/tls.crt" \
    -verify_return_error -quiet 2>/dev/null
}
