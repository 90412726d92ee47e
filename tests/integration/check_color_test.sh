#!/usr/bin/env bash
# Colors only on a terminal and never with NO_COLOR; JSON input (kubectl get -o json lists).
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
cd "$src"
td=tests/testdata/check

# script(1) gives gori a pseudo-terminal as stdout.
tty_out=$(script -qec "$gori check $td/pod.yaml" /dev/null)
expect_contains "$tty_out" $'\x1b[1;35mcritical\x1b[0m' "severity colored on a TTY"
plain=$(NO_COLOR=1 script -qec "$gori check $td/pod.yaml" /dev/null)
expect_eq "$(grep -c $'\x1b' <<<"$plain")" 0 "NO_COLOR disables colors"
piped=$("$gori" check "$td/pod.yaml")
expect_eq "$(grep -c $'\x1b' <<<"$piped")" 0 "no colors when piped"

out=$("$gori" check --rules sec-privileged - < "$td/pods-list.json"); rc=$?
expect_eq "$rc" 1 "json list exit code"
expect_contains "$out" "<stdin>:19:82: critical sec-privileged: container 'b' runs privileged" "json list position"
expect_contains "$out" "1 finding (1 critical) in 2 objects from 1 file" "json list items flattened"
finish
