# Shared helpers for tests/integration/*_test.sh. Each expectation prints what differs; finish
# exits non-zero when any failed.
failures=0
expect_eq() {
  if [ "$1" != "$2" ]; then
    echo "FAIL: $3: got [$1], want [$2]" >&2
    failures=$((failures + 1))
  fi
}
expect_match() {
  if ! [[ "$1" =~ $2 ]]; then
    echo "FAIL: $3: [$1] does not match /$2/" >&2
    failures=$((failures + 1))
  fi
}
expect_contains() {
  if [[ "$1" != *"$2"* ]]; then
    echo "FAIL: $3: output does not contain [$2]:" >&2
    echo "$1" | head -8 >&2
    failures=$((failures + 1))
  fi
}
# Compares output with a golden file; GORI_UPDATE_GOLDEN=1 rewrites the file instead.
expect_golden() {
  local got=$1 file=$2
  if [ "${GORI_UPDATE_GOLDEN:-0}" = 1 ]; then
    printf '%s\n' "$got" > "$file"
    return
  fi
  if ! diff -u "$file" <(printf '%s\n' "$got") >&2; then
    echo "FAIL: output differs from golden $file (GORI_UPDATE_GOLDEN=1 to refresh)" >&2
    failures=$((failures + 1))
  fi
}
# The Python test server of tests/integration/load_server.py on 127.0.0.1 (ARGS: its stall
# point): sets $server_pid, $port and $base; `stop_load_server` kills it. Needs $src and $tmp.
start_load_server() {
  python3 "$src/tests/integration/load_server.py" "$@" > "$tmp/port" 2> "$tmp/server.log" &
  server_pid=$!
  for _ in $(seq 50); do
    [ -s "$tmp/port" ] && break
    sleep 0.1
  done
  port=$(head -1 "$tmp/port")
  base="http://127.0.0.1:$port"
}
stop_load_server() {
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=
  : > "$tmp/port"
}
# Headless Chromium (Debian's) for tests that render HTML: `need_browser` fails the test when
# it is missing; `chrome NAME ARGS...` runs it with a fresh profile under $tmp and nothing that
# talks to the network, its stderr in $tmp/chrome-NAME.log; `expect_png FILE WHAT` checks a
# screenshot is a real, non-trivial PNG.
need_browser() {
  browser=$(command -v chromium || command -v chromium-browser || true)
  if [ -z "$browser" ]; then
    echo "FAIL: chromium is not installed (scripts/deps.txt lists it: run scripts/install-deps)" >&2
    exit 1
  fi
}
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-default-apps \
    --user-data-dir="$tmp/profile-$1" "${@:2}" 2>"$tmp/chrome-$1.log"
}
expect_png() {
  local size
  size=$(stat -c %s "$1" 2>/dev/null || echo 0)
  if [ "$size" -lt 30000 ]; then
    echo "FAIL: $2: screenshot missing or trivial ($size bytes)" >&2
    cat "$tmp"/chrome-*.log >&2 2>/dev/null
    failures=$((failures + 1))
  fi
  expect_eq "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" "89504e470d0a1a0a" "$2: PNG signature"
}
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures expectation(s) failed" >&2
    exit 1
  fi
  echo "ok"
}
