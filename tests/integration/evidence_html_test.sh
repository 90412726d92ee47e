#!/usr/bin/env bash
# The HTML evidence pages in a real browser: Debian's chromium renders the index and a
# namespace page of tests/testdata/compliance/bundle headless to PNG (fresh profile, no
# background networking; the pages fetch nothing). Checks that chromium loaded the page (DOM
# dump) and produced a non-blank screenshot of the requested size.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
chromium_bin=$(command -v chromium || true)
if [ -z "$chromium_bin" ]; then
  echo "FAIL: chromium is not installed (scripts/deps.txt lists it; run scripts/install-deps)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$gori" check --format evidence --profile kr-fin --profile pci-dss-4.0 -o "$tmp/ev" \
  tests/testdata/compliance/bundle >/dev/null
rc=$?
expect_eq "$rc" 1 "evidence exit code"

render() {  # page png
  timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$tmp/profile-$2" --window-size=1280,1800 --hide-scrollbars \
    "--screenshot=$tmp/$2.png" "file://$tmp/ev/$1" >"$tmp/$2.log" 2>&1
}
dump() {  # page
  timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$tmp/profile-dom" --dump-dom "file://$tmp/ev/$1" 2>/dev/null
}

for page in index:index.html payments:ns-payments.html; do
  name=${page%%:*}
  file=${page#*:}
  render "$file" "$name"
  expect_eq "$?" 0 "chromium renders $file"
  python3 - "$tmp/$name.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 1800), f"size {width}x{height}"
# Concatenate IDAT chunks and look at the decoded scanlines: a blank page is one colour.
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
raw = zlib.decompress(idat)
assert len(set(raw[: len(raw) // 2])) > 16, "the screenshot looks blank"
PY
  expect_eq "$?" 0 "$file screenshot is a non-blank 1280x1800 PNG"
done

dom=$(dump ns-payments.html)
expect_contains "$dom" "<h1>Namespace payments</h1>" "chromium loaded the namespace page"
expect_contains "$dom" "payment-api-debug" "the page lists the NodePort"
dom=$(dump index.html)
expect_contains "$dom" "Profile kr-fin" "the index shows the kr-fin summary"
finish
