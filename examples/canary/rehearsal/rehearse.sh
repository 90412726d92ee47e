#!/usr/bin/env bash
# A rollout rehearsal on 127.0.0.1, end to end: `gori load` drives the test service's baseline
# and canary (service.py), Prometheus scrapes it every second, and `gori canary judge` judges the
# canary over the run. Usage:
#   examples/canary/rehearsal/rehearse.sh [GORI] [SLOWDOWN] [SECONDS]
# GORI defaults to build/gori, SLOWDOWN (the canary's latency factor) to 1.5, SECONDS of load to
# 20. Prints the verdict; the exit code is the judge's (0 pass, 1 fail, 3 inconclusive, 4
# marginal, 2 error). Needs python3 and Debian's prometheus; everything stops on exit.
set -u
gori=${1:-build/gori}
slowdown=${2:-1.5}
seconds=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
service_pid=
prom_pid=
cleanup() {
  for pid in $prom_pid $service_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

python3 "$here/service.py" "$slowdown" > "$work/service.port" &
service_pid=$!
for _ in $(seq 50); do [ -s "$work/service.port" ] && break; sleep 0.1; done
service=$(head -1 "$work/service.port")
[ -n "$service" ] || { echo "rehearse: the test service did not start" >&2; exit 2; }

cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: rehearsal
    static_configs:
      - targets: ['127.0.0.1:$service']
YAML
for _ in 1 2 3; do
  prom=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$prom" > "$work/prometheus.log" 2>&1 &
  prom_pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$prom/-/ready" > /dev/null 2>&1 && break
    kill -0 "$prom_pid" 2>/dev/null || break
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$prom/-/ready" > /dev/null 2>&1 && break
  kill "$prom_pid" 2>/dev/null; wait "$prom_pid" 2>/dev/null; prom_pid=
done
[ -n "$prom_pid" ] || { echo "rehearse: Prometheus did not start" >&2; exit 2; }

# Let Prometheus scrape the idle service first, so every counter starts from a sample at zero.
sleep 3
start=$(date +%s)
for track in baseline canary; do
  "$gori" load "http://127.0.0.1:$service/$track" --rate 50 -c 8 -d "${seconds}s" -q \
    --json "$work/load-$track.json" > /dev/null 2> "$work/load-$track.log" &
done
wait $(jobs -p | grep -v -x -e "$service_pid" -e "$prom_pid")
# Two more scrapes, so the last requests are in Prometheus.
sleep 3
end=$(date +%s)
"$gori" canary judge --config "$here/canary.yaml" --prometheus "http://127.0.0.1:$prom" \
  --baseline 'track="baseline"' --canary 'track="canary"' --start "@$start" --end "@$end" "${@:4}"
