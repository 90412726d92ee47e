#!/usr/bin/env bash
# Bundle scope: objects without a namespace join only objects of the same input (here, the same
# directory), so two unrelated apps checked together see neither each other's Secrets, PDBs nor
# ConfigMaps; objects with an explicit namespace still join across inputs. Duplicates name the
# first copy's metadata.name line.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
cd "$src" || exit 1
d=tests/testdata/scope

out=$(NO_COLOR=1 "$gori" check --rules 'meta-duplicate-object,rel-pdb-missing,rel-env-ref-missing' \
  $d); rc=$?
expect_eq "$rc" 1 "two apps: exit code"
expect_contains "$out" "app-a/app.yaml:20:38: medium rel-env-ref-missing: container 'web' reads Secret 'db'" \
  "app-a does not see app-b's Secret"
expect_contains "$out" "ConfigMap 'shared' is defined again (first at $d/app-a/shared.yaml:4)" \
  "explicit namespace joins across inputs; first at metadata.name"
expect_contains "$out" "2 findings (1 high, 1 medium) in 9 objects from 4 files" "two apps: count"
expect_eq "$(grep -c "ConfigMap 'settings'\|rel-pdb-missing" <<<"$out")" 0 \
  "namespace-less objects of two apps are neither duplicates nor judged by each other's PDB"

# One input alone: the namespace-less objects are one app, as before.
out=$(NO_COLOR=1 "$gori" check --rules 'rel-env-ref-missing' $d/app-b/app.yaml); rc=$?
expect_eq "$rc" 0 "one app: exit code"
finish
