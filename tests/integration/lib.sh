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
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures expectation(s) failed" >&2
    exit 1
  fi
  echo "ok"
}
