#!/usr/bin/env bash
# gori check end to end: golden text and JSON output, exit codes, stdin, rule selection, and
# bad input (each reported with file:line:col, exit 2, other inputs still checked).
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
cd "$src"
td=tests/testdata/check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$gori" check "$td/pod.yaml"); rc=$?
expect_eq "$rc" 1 "findings at/above high exit 1"
expect_golden "$out" "$td/pod.txt.golden"

out=$("$gori" check --format json "$td/pod.yaml"); rc=$?
expect_eq "$rc" 1 "json exit code"
expect_golden "$out" "$td/pod.json.golden"
python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$out" || { echo "FAIL: invalid JSON"; failures=$((failures+1)); }

out=$("$gori" check --fail-on critical --rules 'sec-host-*' "$td/pod.yaml"); rc=$?
expect_eq "$rc" 0 "high finding below --fail-on critical"
expect_contains "$out" "pod.yaml:7:16: high sec-host-network: pod sets hostNetwork: true" "selected rule"
expect_eq "$(grep -c 'sec-privileged' <<<"$out")" 0 "unselected rule silent"

out=$("$gori" check "$td/clean.yaml"); rc=$?
expect_eq "$rc" 0 "clean input exit 0"
expect_eq "$out" "0 findings in 1 object from 1 file" "clean summary"

out=$("$gori" check - < "$td/pod.yaml"); rc=$?
expect_eq "$rc" 1 "stdin exit code"
expect_contains "$out" "<stdin>:12:19: critical sec-privileged: container 'web' runs privileged" "stdin names"

# Bad inputs: each an error with position; the good file is still checked; exit 2.
out=$("$gori" check "$td/broken.yaml" "$td/alias-bomb.yaml" "$td/deep.yaml" "$td/binary.yaml" \
      "$td/missing.yaml" "$td/pod.yaml" 2>&1); rc=$?
expect_eq "$rc" 2 "input errors exit 2"
expect_contains "$out" "$td/broken.yaml:7:8: error: while parsing a flow sequence did not find expected ',' or ']'" "broken yaml position"
expect_contains "$out" "$td/alias-bomb.yaml:6:36: error: aliases expand to more than 1000000 nodes (alias bomb?)" "alias bomb"
expect_contains "$out" "$td/deep.yaml:1:515: error: nesting deeper than 512 levels" "deep nesting"
expect_contains "$out" "$td/binary.yaml:2:1: error: binary input (NUL byte)" "binary"
expect_contains "$out" "$td/missing.yaml: error: cannot open: No such file or directory" "missing file"
expect_contains "$out" "pod.yaml:12:19: critical sec-privileged" "good file still checked"
expect_contains "$out" ", 5 input errors" "summary counts errors"

# JSON keeps the errors too.
out=$("$gori" check --format json "$td/broken.yaml" "$td/clean.yaml"); rc=$?
expect_eq "$rc" 2 "json with input error exit 2"
expect_contains "$out" '"line": 7' "json error line"

# Usage errors.
"$gori" check --fail-on sometimes "$td/pod.yaml" >/dev/null 2>&1; expect_eq "$?" 2 "bad --fail-on"
"$gori" check --format yaml "$td/pod.yaml" >/dev/null 2>&1; expect_eq "$?" 2 "bad --format"
"$gori" check --rules 'zzz-*' "$td/pod.yaml" >/dev/null 2>&1; expect_eq "$?" 2 "rules selecting nothing"
"$gori" check >/dev/null 2>&1; expect_eq "$?" 2 "no paths"

# --output writes the file and nothing to stdout.
out=$("$gori" check --format json --output "$tmp/r.json" "$td/pod.yaml"); rc=$?
expect_eq "$rc" 1 "--output exit code"
expect_eq "$out" "" "--output leaves stdout empty"
expect_golden "$(cat "$tmp/r.json")" "$td/pod.json.golden"

# Directories recurse; the bundled example produces findings (exit 1) and no input errors.
out=$("$gori" check examples/); rc=$?
expect_eq "$rc" 1 "examples exit code"
expect_eq "$(grep -c ': error:' <<<"$out")" 0 "examples parse cleanly"
finish
