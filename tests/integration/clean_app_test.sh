#!/usr/bin/env bash
# examples/clean-app produces zero findings with the default rules (even at --fail-on info),
# and the cross-resource rules it satisfies do speak when a piece is missing.
set -u
gori=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"  # no .gori.yaml of the checkout applies

out=$("$gori" check --fail-on info "$src/examples/clean-app"); rc=$?
expect_eq "$rc" 0 "clean-app exit code"
expect_eq "$out" "0 findings in 10 objects from 3 files" "clean-app has no findings, none suppressed"

cp "$src/examples/clean-app/namespace.yaml" "$src/examples/clean-app/catalog-api.yaml" .
out=$("$gori" check --rules 'net-*' .); rc=$?
expect_eq "$rc" 0 "medium findings do not fail at the default --fail-on"
expect_contains "$out" "medium net-no-network-policy: no NetworkPolicy in namespace 'shop' selects the pods of Deployment 'catalog-api'" "without its NetworkPolicy the Deployment is reported"
finish
