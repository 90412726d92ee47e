#!/usr/bin/env bash
# Instructions per evaluation of the CEL benchmarks, counted by callgrind: unlike time, the count
# does not move with the load of a shared machine, so it is the figure to compare before and
# after a change to the evaluator. Needs valgrind; skipped without it.
#   bench/cel_instructions.sh [CEL_BENCH_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$here/build/bench/cel_bench}
if ! command -v valgrind > /dev/null || ! command -v callgrind_annotate > /dev/null; then
  echo "cel_instructions: valgrind is not installed; skipped"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%-32s %12s\n' benchmark instructions/iteration
for b in BM_CelReplicas BM_CelAllContainersOptional BM_CelPolicyThreeValidations; do
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="*$b*" \
    "$bench" --benchmark_filter="^$b\$" --benchmark_min_time=0.1 > /dev/null 2>&1
  # Inclusive instructions of Evaluator::Eval over its calls, times the programs per iteration
  # (the fixture's one-time load and the benchmark loop are left out).
  callgrind_annotate --inclusive=yes --tree=caller "$out" 2>/dev/null | awk -v b="$b" '
    /^ *[0-9,]+ .*< / { match($0, /\(([0-9,]+)x\)/); c = substr($0, RSTART + 1, RLENGTH - 3)
                        gsub(",", "", c); calls += c; next }
    /\* .*Evaluator::Eval\(/ { incl = $1; gsub(",", "", incl); total = calls; exit }
    /^$/ { calls = 0 }
    END {
      per = (b == "BM_CelPolicyThreeValidations") ? 3 : 1
      if (total > 0) printf "%-32s %12.0f\n", b, incl / total * per
    }' || true
done
