# Helpers for the gori canary tests: a real Prometheus (Debian's prometheus + promtool) on
# 127.0.0.1 serving seeded OpenMetrics histories (tests/canary/gen_openmetrics.py) backfilled
# into TSDB blocks. Needs $src and $tmp; sets prom_pid, port, url; `canary_stop_prometheus`
# stops it (the caller's EXIT trap should too).
prom_pid=
canary_need_prometheus() {
  if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    echo "FAIL: prometheus/promtool are not installed (scripts/deps.txt lists them: run scripts/install-deps)" >&2
    exit 1
  fi
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# canary_backfill END MINUTES SEED CASE...: the history into $tmp/blocks.
canary_backfill() {
  python3 "$src/tests/canary/gen_openmetrics.py" "$@" > "$tmp/history.om"
  promtool tsdb create-blocks-from openmetrics "$tmp/history.om" "$tmp/blocks" > "$tmp/promtool.log" 2>&1
}
# canary_start_prometheus: Prometheus on $tmp/blocks at a free port (three tries).
canary_start_prometheus() {
  printf 'global: {}\nscrape_configs: []\n' > "$tmp/prometheus.yml"
  for attempt in 1 2 3; do
    port=$(free_port)
    prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/blocks" \
      --web.listen-address="127.0.0.1:$port" > "$tmp/prometheus.log" 2>&1 &
    prom_pid=$!
    for _ in $(seq 100); do
      curl -sf "http://127.0.0.1:$port/-/ready" > /dev/null 2>&1 && break
      kill -0 "$prom_pid" 2>/dev/null || break
      sleep 0.1
    done
    curl -sf "http://127.0.0.1:$port/-/ready" > /dev/null 2>&1 && break
    kill "$prom_pid" 2>/dev/null; wait "$prom_pid" 2>/dev/null; prom_pid=
  done
  url="http://127.0.0.1:$port"
}
canary_stop_prometheus() {
  [ -n "$prom_pid" ] && kill "$prom_pid" 2>/dev/null && wait "$prom_pid" 2>/dev/null
  prom_pid=
}
# The config of docs/canary.md, as written there (its first yaml block), into FILE.
canary_doc_config() {
  awk '/^```yaml$/ {on = 1; next} on && /^```$/ {exit} on {print}' "$src/docs/canary.md" > "$1"
}
