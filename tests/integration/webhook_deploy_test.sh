#!/usr/bin/env bash
# gori's own webhook manifests pass gori check with zero findings (exit 0).
set -u
gori=$1
source "$2/tests/integration/lib.sh"
out=$("$gori" check "$2/deploy/webhook"); rc=$?
expect_eq "$rc" 0 "gori check deploy/webhook exit code"
expect_contains "$out" "0 findings in 10 objects" "no findings"
finish
