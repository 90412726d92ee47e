#!/usr/bin/env bash
# gori load's memory over a long run: HTTP/2 (h2c, --streams 10) at a fixed rate against nginx
# for DURATION seconds (default 300), the client's resident set sampled every 10 s. Flat means
# the last samples stay within a few hundred KiB of the first after warm-up.
#   bench/load_memory.sh [GORI_BINARY]     env: DURATION=300 RATE=2000
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
gori=${1:-$here/build/gori}
DURATION=${DURATION:-300}
RATE=${RATE:-2000}
source "$here/bench/lib.sh"
tmp=$(mktemp -d)
trap 'stop_nginx; rm -rf "$tmp"' EXIT
port=$(free_port)
start_nginx "$tmp" "server { listen 127.0.0.1:$port http2; location / { return 200 \"ok\\n\"; } }"
wait_http "http://127.0.0.1:$port/" --http2-prior-knowledge
"$gori" load "h2c://127.0.0.1:$port/" --streams 10 -c 10 -t 1 --rate "$RATE" -d "${DURATION}s" -q \
  > "$tmp/summary.txt" &
pid=$!
samples=()
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && samples+=("$rss")
  sleep 10
done
wait "$pid" || true
echo "gori load h2c --streams 10 -c 10 --rate $RATE for ${DURATION}s: RSS KiB every 10 s:"
echo "${samples[*]}"
python3 - "${samples[@]}" <<'PY'
import sys
s = [int(x) for x in sys.argv[1:]]
if len(s) >= 4:
    warm = s[1]
    print(f"after warm-up {warm} KiB, last {s[-1]} KiB, max {max(s[1:])} KiB, growth {s[-1] - warm:+d} KiB")
PY
head -12 "$tmp/summary.txt"
