#!/usr/bin/env bash
# Instructions per admission review (the one bench/webhook_vs_nginx.sh sends) without policies,
# with the three example policies (examples/policies) and with the 20 of
# bench/testdata/policies20.yaml (numbered copies of those three), counted by callgrind: the
# differences are the policies' share of a review. Unlike time, the count does not move with the
# load of a shared machine. Needs valgrind; skipped without it.
#   bench/policy_instructions.sh [WEBHOOK_BENCH_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$here/build/bench/webhook_bench}
if ! command -v valgrind > /dev/null || ! command -v callgrind_annotate > /dev/null; then
  echo "policy_instructions: valgrind is not installed; skipped"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%-32s %12s\n' benchmark instructions/review
for b in BM_ReviewPolicies20Baseline BM_ReviewPoliciesExamples BM_ReviewPolicies20; do
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    --toggle-collect='gori::webhook::Reviewer::Review(*' \
    "$bench" --benchmark_filter="^$b\$" --benchmark_min_time=5 > /dev/null 2>&1
  # Inclusive instructions of Reviewer::Review over its calls (loading the policies is left out).
  callgrind_annotate --inclusive=yes --tree=caller "$out" 2>/dev/null | awk -v b="$b" '
    /^ *[0-9,]+ .*< / { match($0, /\(([0-9,]+)x\)/); c = substr($0, RSTART + 1, RLENGTH - 3)
                        gsub(",", "", c); calls += c; next }
    /\* .*Reviewer::Review\(/ { incl = $1; gsub(",", "", incl); total = calls; exit }
    /^$/ { calls = 0 }
    END { if (total > 0) printf "%-32s %12.0f\n", b, incl / total }' || true
done
