#!/usr/bin/env bash
# gori load over HTTP/2 and gRPC side by side with h2load (nghttp2-client) against the same
# servers, runs alternating so drift hits both alike, medians of ROUNDS:
#   h2c  --streams 10  vs h2load -m 10      (nginx, one worker, `listen ... http2`)
#   TLS  --streams 100 vs h2load -m 100     (nginx, `listen ... ssl http2`, ALPN h2)
#   h2c  one stream    vs h2load -m 1
#   gRPC unary vs h2load posting the same pre-encoded message (python3-grpcio server)
# Reports requests/s and requests per client CPU-second (user+sys of the client process).
#
#   bench/load_vs_h2load.sh [GORI_BINARY]
#   env: CONNS=10 THREADS=1 DURATION=8 ROUNDS=3 GRPC=1
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gori=${1:-$here/build/gori}
CONNS=${CONNS:-10}
THREADS=${THREADS:-1}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
GRPC=${GRPC:-1}

source "$here/bench/lib.sh"
tmp=$(mktemp -d)
grpc_pid=
cleanup() {
  stop_nginx
  [ -n "$grpc_pid" ] && kill "$grpc_pid" 2>/dev/null && wait "$grpc_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
h2c_port=$(free_port)
tls_port=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/key.pem" \
  -out "$tmp/cert.pem" -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2> /dev/null
start_nginx "$tmp" "http2_max_concurrent_streams 256;
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_certificate $tmp/cert.pem;
  ssl_certificate_key $tmp/key.pem;
  server { listen 127.0.0.1:$h2c_port http2; location / { return 200 \"ok\\n\"; } }
  server { listen 127.0.0.1:$tls_port ssl http2; location / { return 200 \"ok\\n\"; } }"
wait_http "http://127.0.0.1:$h2c_port/" --http2-prior-knowledge

run() { run_measured "$@"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB; nginx $(nginx -v 2>&1 | cut -d/ -f2), 1 worker;" \
  "$(h2load --version | head -1); client: $CONNS connections, $THREADS thread(s)," \
  "${DURATION}s per run, $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
results=$tmp/results
: > "$results"

# bench_case NAME H2LOAD_URL GORI_URL STREAMS [extra h2load args] -- [extra gori args]
bench_case() {
  local name=$1 url=$2 gori_url=$3 m=$4
  shift 4
  local h2extra=() goriextra=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do h2extra+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  goriextra=("$@")
  for round in $(seq "$ROUNDS"); do
    read -r cpu _ < <(run h2load -c "$CONNS" -t "$THREADS" -m "$m" -D "$DURATION" \
      ${h2extra[@]+"${h2extra[@]}"} "$url" 2> "$tmp/h2load.out")
    reqs=$(awk '/^requests:/ {print $8}' "$tmp/h2load.out")
    rps=$(awk '/^finished in/ {print $4}' "$tmp/h2load.out")
    echo "$name h2load $rps $(python3 -c "print($reqs / $cpu)")" >> "$results"
    read -r cpu _ < <(run "$gori" load "$gori_url" -c "$CONNS" -t "$THREADS" --streams "$m" \
      -d "${DURATION}s" -k -q --json "$tmp/gori.json" ${goriextra[@]+"${goriextra[@]}"} 2> /dev/null)
    reqs=$(python3 -c "import json; print(json.load(open('$tmp/gori.json'))['requests'])")
    rps=$(python3 -c "import json; print(json.load(open('$tmp/gori.json'))['rps'])")
    echo "$name gori $rps $(python3 -c "print($reqs / $cpu)")" >> "$results"
  done
}

h2c="http://127.0.0.1:$h2c_port/"
tls="https://127.0.0.1:$tls_port/"
bench_case "h2c-m10" "$h2c" "$h2c" 10 -- --http 2
bench_case "tls-m100" "$tls" "$tls" 100 -- --http 2
bench_case "h2c-m1" "$h2c" "$h2c" 1 -- --http 2

if [ "$GRPC" = 1 ]; then
  proto=$here/tests/testdata/grpc/pay.proto
  protoc -I "$here/tests/testdata/grpc" --python_out="$tmp" "$proto"
  /usr/bin/python3 "$here/tests/integration/grpc_server.py" "$tmp" "$tmp/grpc.sock" > "$tmp/gport" 2> "$tmp/grpc.log" &
  grpc_pid=$!
  for _ in $(seq 100); do [ -s "$tmp/gport" ] && break; sleep 0.1; done
  gport=$(head -1 "$tmp/gport")
  # The message h2load posts: the same request gori encodes from JSON, length-prefixed.
  printf '\x00\x00\x00\x00\x08\x0a\x03o-1\x10\xdc\x0b' > "$tmp/msg.bin"
  bench_case "grpc-m10" "http://127.0.0.1:$gport/gori.test.Payments/Pay" \
    "grpc://127.0.0.1:$gport/gori.test.Payments/Pay" 10 \
    -d "$tmp/msg.bin" -H 'content-type: application/grpc' -H 'te: trailers' -- \
    --proto "$proto" --body '{"order_id": "o-1", "amount": 1500}'
fi

python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    case, tool, rps, per_cpu = line.split()
    rows.setdefault(case, {}).setdefault(tool, []).append((float(rps), float(per_cpu)))
print(f"{'case':<10} {'tool':<7} {'req/s':>10} {'req/cpu-s':>11}   gori/h2load req/s, req/cpu-s")
for case, tools in rows.items():
    med = {t: (statistics.median(r for r, _ in v), statistics.median(c for _, c in v)) for t, v in tools.items()}
    for t, (r, c) in med.items():
        print(f"{case:<10} {t:<7} {r:10.0f} {c:11.0f}")
    g, h = med["gori"], med["h2load"]
    print(f"{case:<10} ratio   {g[0] / h[0]:10.2f}x {g[1] / h[1]:10.2f}x")
EOF
