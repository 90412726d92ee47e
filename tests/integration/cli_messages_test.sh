#!/usr/bin/env bash
# Usage errors that help: a mistyped subcommand gets the closest name, --fail-on and --format
# list every accepted value; `gori config init` writes the webhook section; `make run` builds
# only the gori binary and `make fuzz`/`make image` have their scripts; perf.data stays out.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

err=$("$gori" chek x 2>&1 >/dev/null); rc=$?
expect_eq "$rc" 2 "unknown subcommand exit code"
expect_match "$err" "^gori: unknown command 'chek'; did you mean 'check'\? \(commands: check, profiles, webhook, load, rules, explain, config[a-z, ]*; see gori --help\)$" \
  "unknown subcommand: suggestion and list"
expect_contains "$("$gori" webhok 2>&1)" "did you mean 'webhook'?" "webhook suggested"
expect_eq "$("$gori" frobnicate 2>&1 | grep -c 'did you mean')" 0 "nothing close: no suggestion"

echo 'apiVersion: v1' > "$tmp/a.yaml"
err=$("$gori" check --fail-on severe "$tmp/a.yaml" 2>&1); rc=$?
expect_eq "$rc" 2 "--fail-on bad value exit code"
expect_contains "$err" "--fail-on: unknown value 'severe' (want critical, high, medium, low, info or none)" \
  "--fail-on lists every value"
err=$("$gori" check --format yml "$tmp/a.yaml" 2>&1); rc=$?
expect_eq "$rc" 2 "--format bad value exit code"
expect_contains "$err" "--format: unknown format 'yml' (want text, json, sarif, junit, gitlab, github, html, evidence)" \
  "--format lists every value, evidence included"

"$gori" config init "$tmp/.gori.yaml" 2>/dev/null
expect_contains "$(cat "$tmp/.gori.yaml")" $'\nwebhook:\n' "config init writes the webhook section"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n' > "$tmp/b.yaml"
"$gori" check --config "$tmp/.gori.yaml" "$tmp/b.yaml" > /dev/null 2>&1
expect_eq "$?" 0 "gori check reads the written file"

cd "$src"
expect_contains "$(make -n run JOBS=2 2>/dev/null)" "cmake --build --preset release -j 2 --target gori" \
  "make run builds the gori target only"
[ -x scripts/fuzz ] && [ -x scripts/image ]
expect_eq "$?" 0 "make fuzz and make image have their scripts"
if git rev-parse --git-dir > /dev/null 2>&1; then
  expect_eq "$(git ls-files perf.data)" "" "perf.data is not in the repository"
  expect_eq "$(git check-ignore perf.data)" "perf.data" "perf.data is ignored"
fi
finish
