#!/usr/bin/env bash
# gori --version prints the version and exits 0; an unknown subcommand is a usage error (2).
set -u
gori=$1
source "$2/tests/integration/lib.sh"
out=$("$gori" --version); rc=$?
expect_eq "$rc" 0 "--version exit code"
expect_match "$out" '^gori [0-9]+\.[0-9]+\.[0-9]+$' "--version output"
"$gori" no-such-command >/dev/null 2>&1; rc=$?
expect_eq "$rc" 2 "unknown subcommand exit code"
finish
