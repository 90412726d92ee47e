#!/usr/bin/env bash
# docs/rules.md is what `gori rules --format markdown` prints (refresh with `make docs`), and
# `gori rules` / `gori explain` answer as documented.
set -u
gori=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$gori" rules --format markdown > "$tmp/rules.md"; rc=$?
expect_eq "$rc" 0 "rules --format markdown exit code"
if ! diff -u "$src/docs/rules.md" "$tmp/rules.md" > "$tmp/diff"; then
  head -40 "$tmp/diff" >&2
  echo "FAIL: docs/rules.md is stale; run 'make docs' (or ./build/gori rules --format markdown > docs/rules.md)" >&2
  failures=$((failures + 1))
fi

# Run from an empty directory so no .gori.yaml of the checkout applies.
cd "$tmp"
list=$("$gori" rules); rc=$?
expect_eq "$rc" 0 "rules exit code"
expect_match "$list" $'^ID +FAMILY +SEVERITY +ON +SUMMARY\n' "rules header"
expect_match "$list" $'\nsec-privileged +security +critical +on +container runs privileged' "rules row"
expect_match "$list" $'\nsup-digest +supply-chain +medium +off ' "off-by-default row"
count=$("$gori" rules --format json | grep -c '"id": ')
expect_eq "$count" "$(grep -c '^### ' "$src/docs/rules.md")" "json lists every documented rule"

printf 'rules:\n  enable: [sup-digest]\n  severity: {sec-privileged: low}\n' > .gori.yaml
list=$("$gori" rules)
expect_match "$list" $'\nsec-privileged +security +low +on ' "severity override from .gori.yaml"
expect_match "$list" $'\nsup-digest +supply-chain +medium +on ' "enabled by .gori.yaml"
rm .gori.yaml

out=$("$gori" explain sec-literal-secret-env); rc=$?
expect_eq "$rc" 0 "explain exit code"
expect_contains "$out" "sec-literal-secret-env - an env value looks like a credential written in the manifest" "explain title"
expect_contains "$out" $'Why:\n  A credential in a manifest' "explain rationale"
expect_contains "$out" $'Fails:\n  env:\n  - name: DB_PASSWORD' "explain failing example"
expect_contains "$out" $'Fixed:\n  env:' "explain fixed example"
# Mappings come from the compliance catalogue: every framework and version.
expect_contains "$out" $'Maps to:\n  NSA-NS-7\n  ISMS-P 2.7.2' "explain mappings"
err=$("$gori" explain sec-privilegd 2>&1); rc=$?
expect_eq "$rc" 2 "explain unknown rule exit code"
expect_eq "$err" "gori explain: no rule 'sec-privilegd'; did you mean sec-privileged? (see gori rules)" "explain suggests"
err=$("$gori" rules --format yaml 2>&1); rc=$?
expect_eq "$rc" 2 "rules unknown format"
finish
