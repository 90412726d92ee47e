#!/usr/bin/env bash
# gori's CEL next to the JavaScript CEL evaluators on npm (@marcbachmann/cel-js, @bufbuild/cel)
# on the same expressions and the same 2 KB Deployment (bench/cel_bench.cc and
# bench/testdata/deployment.json hold the same object): ns per evaluation of each, and gori's
# speed-up. The npm packages are installed here, into build/bench-npm (never needed to build or
# test gori); without npm or the registry the comparison is skipped.
#   bench/cel_vs_js.sh [CEL_BENCH_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$here/build/bench/cel_bench}
npm_dir=$here/build/bench-npm
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "cel_vs_js: node and npm are not installed; skipped"
  exit 0
fi
if [ ! -d "$npm_dir/node_modules/@marcbachmann/cel-js" ] || [ ! -d "$npm_dir/node_modules/@bufbuild/cel" ]; then
  mkdir -p "$npm_dir"
  if ! (cd "$npm_dir" && npm install --no-audit --no-fund --silent @marcbachmann/cel-js @bufbuild/cel); then
    echo "cel_vs_js: npm install failed; skipped"
    exit 0
  fi
fi
versions=$(for p in @marcbachmann/cel-js @bufbuild/cel; do printf '%s@%s\n' "$p" "$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$npm_dir/node_modules/$p/package.json")"; done)

gori_ns() {  # median ns per iteration of one Google Benchmark case
  "$bench" --benchmark_filter="^$1\$" --benchmark_repetitions=5 --benchmark_format=json 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print([b["real_time"] for b in d["benchmarks"] if b.get("aggregate_name")=="median"][0])'
}
declare -A gori=(
  [replicas]=$(gori_ns BM_CelReplicas)
  [all_optional]=$(gori_ns BM_CelAllContainersOptional)
  [policy3]=$(gori_ns BM_CelPolicyThreeValidations)
)
js=$(node "$here/bench/cel_js_bench.mjs" "$npm_dir/node_modules" "$here/bench/testdata/deployment.json")

echo "CEL on a 2 KB Deployment, ns per evaluation (medians; ${versions//$'\n'/, }; node $(node --version))"
printf '%-14s %10s %14s %8s %14s %8s\n' case gori cel-js ratio bufbuild-cel ratio
for c in replicas all_optional policy3; do
  row=$(printf '%-14s %10.1f' "$c" "${gori[$c]}")
  for e in cel-js bufbuild-cel; do
    v=$(awk -v e="$e" -v c="$c" '$1 == e && $2 == c { print $3 }' <<< "$js")
    if [[ "$v" =~ ^[0-9.]+$ ]]; then
      row+=$(printf ' %14.1f %7.1fx' "$v" "$(python3 -c "print($v / ${gori[$c]})")")
    else
      row+=$(printf ' %14s %8s' unsupported -)
    fi
  done
  echo "$row"
done
