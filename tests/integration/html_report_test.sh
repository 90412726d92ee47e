#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's) renders it to a PNG, and its
# --dump-dom shows the finding rows the page's own script builds from the embedded data.
# GORI_HTML_PNG=FILE keeps the screenshot for a person to look at.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

need_browser

"$gori" check --rules "$(cat tests/testdata/report/rules.txt)" --format html="$tmp/report.html" \
  tests/testdata/report/fixture >/dev/null
html=$(cat "$tmp/report.html")
# Self-contained: no URL the page could fetch (the CSP forbids them too).
expect_eq "$(grep -Eic '(src|href)="(https?:)?//' "$tmp/report.html")" 0 "no external references"
expect_contains "$html" "default-src 'none'" "content security policy"
# The raw container name never appears unescaped in markup or script data.
expect_eq "$(grep -c 'side<car>' "$tmp/report.html")" 0 "no raw markup from input"

chrome shot --window-size=1280,2400 --screenshot="$tmp/report.png" "file://$tmp/report.html" >/dev/null
expect_png "$tmp/report.png" "screenshot"
[ -n "${GORI_HTML_PNG:-}" ] && cp "$tmp/report.png" "$GORI_HTML_PNG"

dom=$(chrome dom --dump-dom "file://$tmp/report.html")
expect_eq "$(grep -o 'class="finding' <<<"$dom" | wc -l)" 14 "finding rows rendered by the script"
expect_contains "$dom" "Showing 14 of 14 findings" "filter counter"
expect_contains "$dom" '<details class="file" open=""><summary>tests/testdata/report/fixture/api.yaml <span class="count">(13 findings)</span>' "file group"
expect_contains "$dom" "container 'side&lt;car&gt; &amp; \"co\", 100%: ünï' has no cpu request" "escaped text rendered"
expect_contains "$dom" '<span class="hit"><i>20</i>          privileged: true</span>' "source excerpt with the finding line"
expect_contains "$dom" '<option value="sec-privileged">sec-privileged</option>' "rule filter options"
expect_contains "$dom" '<option value="reliability">reliability</option>' "family filter options"
expect_contains "$dom" 'id="rule-sec-privileged"' "rule help"
finish
