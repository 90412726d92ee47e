#!/usr/bin/env bash
# Compliance profiles end to end on tests/testdata/compliance/bundle (DMZ + regulated internal +
# mgmt): `gori profiles`, the per-control summary in text and JSON, exemptions that are always
# reported, and the evidence report - its JSON golden-tested, its directory form complete.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
bundle=tests/testdata/compliance/bundle
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gori profiles
out=$("$gori" profiles); rc=$?
expect_eq "$rc" 0 "profiles exit code"
for p in pss-baseline pss-restricted cis-1.10 cis-1.11 cis-1.12 nsa-1.2 pci-dss-4.0 kr-fin; do
  expect_contains "$out" "$p " "profiles lists $p"
done
expect_contains "$out" "CIS-1.10 5.7.4" "cis-1.10 keeps General Policies at 5.7"
expect_contains "$out" "CIS-1.11 5.6.4" "cis-1.11 numbers General Policies 5.6"
expect_contains "$out" "KR-EFSR 제15조" "kr-fin lists 제15조"
"$gori" profiles cis-1.9 >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "$rc" 2 "unknown profile exit code"
out=$("$gori" profiles --format json kr-fin); rc=$?
expect_eq "$rc" 0 "profiles json exit code"
expect_contains "$out" '"control": "KR-EFSR 제14조의2제8항"' "profiles json control"

# --profile with the text report: per-control summary and exemptions, never silent.
out=$("$gori" check --no-color --profile kr-fin --profile pci-dss-4.0 "$bundle"); rc=$?
expect_eq "$rc" 1 "check with profiles exit code (high findings)"
expect_contains "$out" "profile kr-fin: " "text summary for kr-fin"
expect_contains "$out" "controls not checkable here" "text lists not-checkable controls"
expect_contains "$out" "KR-EFSR 제18조" "제18조 is listed as not checkable"
expect_contains "$out" "cmp-dmz-data-store exempted by compliance/exempt-cmp-dmz-data-store on object ratelimit-redis: holds per-client request counters only, no user data; reviewed in ARC-112" "exemption with justification is reported"
expect_contains "$out" "compliance/exempt-cmp-data-residency on object settlement" "exemption without justification is reported"
expect_contains "$out" "(exemption compliance/exempt-cmp-data-residency on CronJob 'settlement' ignored: it gives no justification)" "finding says the exemption was ignored"
if [[ "$out" == *"compliant"* || "$out" == *"passed"* ]]; then
  echo "FAIL: text report says compliant/passed" >&2
  failures=$((failures + 1))
fi

# --profile with the JSON report.
out=$("$gori" check --format json --profile cis-1.12 "$bundle")
expect_contains "$out" '"compliance": {' "json report has a compliance member"
expect_contains "$out" '"control": "CIS-1.12 5.3.1"' "json lists CIS 1.12 controls"
python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$out"
expect_eq "$?" 0 "json report parses"

"$gori" check --profile nope "$bundle" >/dev/null 2>"$tmp/err"; rc=$?
expect_eq "$rc" 2 "unknown --profile exit code"
expect_contains "$(cat "$tmp/err")" "gori check: --profile: unknown profile 'nope'" "unknown --profile message"

# Evidence JSON, golden (gori's version normalised).
out=$("$gori" check --format evidence --profile kr-fin --profile pci-dss-4.0 "$bundle" |
      sed '0,/"version": /s/"version": "[^"]*"/"version": "VERSION"/')
expect_golden "$out" tests/testdata/compliance/evidence.golden.json
python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$out"
expect_eq "$?" 0 "evidence json parses"

# Evidence directory: JSON, index and one page per namespace plus the cluster page.
"$gori" check --format evidence --profile kr-fin -o "$tmp/ev" "$bundle" >/dev/null; rc=$?
expect_eq "$rc" 1 "evidence to a directory exit code"
for f in evidence.json index.html ns-edge.html ns-payments.html ns-ops.html ns-istio-system.html \
         cluster.html; do
  [ -s "$tmp/ev/$f" ] || { echo "FAIL: evidence file $f missing" >&2; failures=$((failures + 1)); }
done
if grep -qE '<script|https?://' "$tmp/ev/index.html" "$tmp/ev/ns-payments.html"; then
  echo "FAIL: evidence HTML is not self-contained" >&2
  failures=$((failures + 1))
fi
finish
