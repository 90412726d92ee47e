#!/usr/bin/env bash
# Schema validation end to end: typos, wrong types, enums, required fields and names against the
# embedded API schema of --kubernetes-version, API lifecycle by version, CRDs from the input and
# --crd-schemas, --strict-kinds, the config file, and inputs that are not manifests (notes, not
# objects, not exit 2).
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
cd "$src" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
d=tests/testdata/schema

out=$(NO_COLOR=1 "$gori" check --rules 'schema-*' tests/testdata/schema/typos.yaml); rc=$?
expect_eq "$rc" 1 "typos: exit code"
expect_golden "$out" $d/typos.expected.txt

# Removed and deprecated APIs depend on the chosen release.
out=$(NO_COLOR=1 "$gori" check --rules 'meta-deprecated-api,schema-*' --kubernetes-version 1.31 \
  $d/lifecycle.yaml); rc=$?
expect_eq "$rc" 1 "lifecycle 1.31: exit code"
expect_golden "$out" $d/lifecycle-1.31.expected.txt
out=$(NO_COLOR=1 "$gori" check --rules 'meta-deprecated-api,schema-*' --kubernetes-version 1.32 \
  $d/lifecycle.yaml); rc=$?
expect_golden "$out" $d/lifecycle-1.32.expected.txt

# Custom resources: silent without their CRD, validated with it, reported with --strict-kinds.
out=$(NO_COLOR=1 "$gori" check --rules 'schema-*' $d/widgets.yaml); rc=$?
expect_eq "$rc" 0 "widgets without CRD: exit code"
expect_contains "$out" "0 findings" "widgets without CRD"
out=$(NO_COLOR=1 "$gori" check --rules 'schema-*' --strict-kinds --crd-schemas $d/crds \
  $d/widgets.yaml); rc=$?
expect_eq "$rc" 1 "widgets with CRD: exit code"
expect_golden "$out" $d/widgets.expected.txt
out=$("$gori" check --crd-schemas $d/nope $d/widgets.yaml 2>&1); rc=$?
expect_eq "$rc" 2 "missing --crd-schemas: exit code"
expect_contains "$out" "--crd-schemas: $d/nope" "missing --crd-schemas names the path"

# The same from the config file.
printf 'parameters:\n  kubernetes_version: "1.31"\n  strict_kinds: true\n  crd_schemas: [%s/crds]\n' \
  "$src/$d" > "$tmp/gori.yaml"
out=$(NO_COLOR=1 "$gori" check --config "$tmp/gori.yaml" --rules 'schema-*,meta-deprecated-api' \
  $d/widgets.yaml $d/lifecycle.yaml); rc=$?
expect_eq "$rc" 1 "config file: exit code"
expect_contains "$out" "no CustomResourceDefinition for Gadget" "config file: strict_kinds"
expect_contains "$out" "spec.mode \"quick\" is not one of fast, slow" "config file: crd_schemas"
expect_contains "$out" "is deprecated since Kubernetes 1.29 and removed in 1.32" "config file: version"

# Inputs that are not manifests: one note each on stderr, no objects, no error exit.
out=$(NO_COLOR=1 "$gori" check $d/notes 2>"$tmp/err"); rc=$?
expect_eq "$rc" 0 "notes: exit code"
expect_contains "$out" "0 findings in 1 object from 3 files" "notes: only the BOM JSON is an object"
expect_golden "$(cat "$tmp/err")" $d/notes.expected.txt
out=$("$gori" check --fail-on none $d/notes/chart/templates/cm.yaml 2>&1); rc=$?
expect_eq "$rc" 0 "template file: exit code"
expect_contains "$out" "cm.yaml:4:9: template syntax ({{ }}), not a manifest" "template file note"
finish
