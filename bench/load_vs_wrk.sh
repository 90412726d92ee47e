#!/usr/bin/env bash
# gori load side by side with wrk (and h2load --h1 when nghttp2-client is installed) against the
# same nginx (Debian nginx-light, started here with its own config on a free 127.0.0.1 port, in a
# temp dir), same connections and threads, runs alternating so drift hits every tool alike.
# Reports requests/s and requests per client CPU-second (user+sys of the client process) per
# run and the median of each tool; then gori's scheduling error at a fixed rate (send delay =
# actual send - intended start) and its peak RSS.
#
#   bench/load_vs_wrk.sh [GORI_BINARY]
#   env: CONNS=50 THREADS=1 DURATION=10 ROUNDS=3 RATE=10000 LONG=0 (seconds of an extra
#        open-model run that samples gori's RSS every 10 s; 300 for the 5-minute check)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gori=${1:-$here/build/gori}
CONNS=${CONNS:-50}
THREADS=${THREADS:-1}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
RATE=${RATE:-10000}
LONG=${LONG:-0}

source "$here/bench/lib.sh"
tmp=$(mktemp -d)
trap 'stop_nginx; rm -rf "$tmp"' EXIT
port=$(free_port)
mkdir -p "$tmp/www"
printf 'hello from nginx\n' > "$tmp/www/index.html"
start_nginx "$tmp" "server { listen 127.0.0.1:$port; root $tmp/www; }"
url="http://127.0.0.1:$port/"
wait_http "$url"

run() { run_measured "$@"; }

have_h2load=0
command -v h2load > /dev/null && have_h2load=1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB; nginx $(nginx -v 2>&1 | cut -d/ -f2)," \
  "1 worker; client: $CONNS connections, $THREADS thread(s), ${DURATION}s per run, $ROUNDS rounds"
printf '%-8s %-6s %12s %12s %14s\n' tool round "req/s" "cpu s" "req/cpu-s"
results=$tmp/results
: > "$results"
for round in $(seq "$ROUNDS"); do
  # wrk
  read -r cpu _ < <(run wrk -c "$CONNS" -t "$THREADS" -d "${DURATION}s" "$url" 2> "$tmp/wrk.out")
  reqs=$(awk '/requests in/ {print $1}' "$tmp/wrk.out")
  rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.out")
  echo "wrk $rps $(python3 -c "print($reqs / $cpu)")" >> "$results"
  printf '%-8s %-6s %12.0f %12.2f %14.0f\n' wrk "$round" "$rps" "$cpu" "$(python3 -c "print($reqs / $cpu)")"
  # gori
  read -r cpu _ < <(run "$gori" load "$url" -c "$CONNS" -t "$THREADS" -d "${DURATION}s" -q \
    --json "$tmp/gori.json" 2> /dev/null)
  reqs=$(python3 -c "import json; print(json.load(open('$tmp/gori.json'))['requests'])")
  rps=$(python3 -c "import json; print(json.load(open('$tmp/gori.json'))['rps'])")
  echo "gori $rps $(python3 -c "print($reqs / $cpu)")" >> "$results"
  printf '%-8s %-6s %12.0f %12.2f %14.0f\n' gori "$round" "$rps" "$cpu" "$(python3 -c "print($reqs / $cpu)")"
  # h2load over HTTP/1.1
  if [ "$have_h2load" = 1 ]; then
    read -r cpu _ < <(run h2load --h1 -c "$CONNS" -t "$THREADS" -D "$DURATION" "$url" \
      2> "$tmp/h2load.out")
    reqs=$(awk '/^requests:/ {print $8}' "$tmp/h2load.out")
    rps=$(awk '/^finished in/ {print $4}' "$tmp/h2load.out")
    echo "h2load $rps $(python3 -c "print($reqs / $cpu)")" >> "$results"
    printf '%-8s %-6s %12.0f %12.2f %14.0f\n' h2load "$round" "$rps" "$cpu" "$(python3 -c "print($reqs / $cpu)")"
  fi
done
echo
python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    tool, rps, per_cpu = line.split()
    rows.setdefault(tool, []).append((float(rps), float(per_cpu)))
print(f"{'median':<8} {'req/s':>12} {'req/cpu-s':>14}")
for tool, v in rows.items():
    print(f"{tool:<8} {statistics.median(r for r, _ in v):12.0f} {statistics.median(c for _, c in v):14.0f}")
g, w = rows["gori"], rows["wrk"]
print(f"gori/wrk: {statistics.median(r for r, _ in g) / statistics.median(r for r, _ in w):.2f}x req/s, "
      f"{statistics.median(c for _, c in g) / statistics.median(c for _, c in w):.2f}x req/cpu-s")
EOF

# sched_error LABEL PREFIX...: one open-model run at RATE, reporting the send delay.
sched_error() {
  local label=$1
  shift
  echo
  echo "scheduling error at $RATE req/s, $label (open model, ${DURATION}s, $CONNS connections):"
  read -r cpu rss < <(run "$@" "$gori" load "$url" --rate "$RATE" -c "$CONNS" -t "$THREADS" \
    -d "${DURATION}s" -q --json "$tmp/rate.json" 2> /dev/null)
  python3 - "$tmp/rate.json" "$cpu" "$rss" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["send_delay_us"]
print(f"  requests {d['requests']} ({d['rps']} req/s), late {d['late']}, dropped {d['dropped']}")
print(f"  send delay us: p50 {s['p50']}  p90 {s['p90']}  p99 {s['p99']}  p99.9 {s['p999']}  max {s['max']}")
print(f"  latency us: p50 {d['latency_us']['p50']}  p99 {d['latency_us']['p99']}; client cpu {float(sys.argv[2]):.2f} s, peak RSS {int(sys.argv[3]) // 1024} MiB")
EOF
}
sched_error "normal priority"
# The same run with the client under SCHED_FIFO, so that other load on the machine cannot
# starve it: what remains is the scheduler's own error (root only).
if [ "$(id -u)" = 0 ] && command -v chrt > /dev/null; then
  sched_error "client SCHED_FIFO" chrt -f 20
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$LONG" -gt 0 ]; then
  echo
  echo "memory over a ${LONG}s open-model run at $RATE req/s (RSS every 10 s, MiB):"
  "$gori" load "$url" --rate "$RATE" -c "$CONNS" -t "$THREADS" -d "${LONG}s" -q \
    --json "$tmp/long.json" > /dev/null 2>&1 &
  pid=$!
  samples=""
  while kill -0 "$pid" 2>/dev/null; do
    sleep 10
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && samples="$samples $rss"
  done
  wait "$pid" || true
  echo " $samples"
  python3 -c "import json; d=json.load(open('$tmp/long.json')); print('  requests', d['requests'], 'errors', d['errors'])"
fi
