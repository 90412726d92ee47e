#!/usr/bin/env bash
# gori check --pss end to end: findings only where Pod Security Admission would reject, at the
# level/version from --pss or from Namespace enforce labels; golden text and JSON; exit codes;
# malformed --pss values are usage errors.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
cd "$src"
td=tests/testdata/pss

# baseline:v1.25 rejects exactly the host port, the tcp_rmem sysctl (allowed from v1.32), the
# unmasked /proc (hostUsers: false relaxes only from v1.35) and the windows SYS_ADMIN; runAsUser 0
# is restricted-only and probe hosts are checked from v1.34.
out=$("$gori" check --rules 'pss-*' --pss baseline:v1.25 "$td/workloads.yaml"); rc=$?
expect_eq "$rc" 1 "baseline:v1.25 rejects some pods"
expect_golden "$out" "$td/workloads-baseline-v1.25.txt.golden"

out=$("$gori" check --rules 'pss-*' --pss baseline "$td/workloads.yaml"); rc=$?
expect_eq "$rc" 1 "baseline:latest exit"
expect_contains "$out" 'workloads.yaml:62:23: high pss-host-probes-and-host-lifecycle: probe or lifecycle host (container "app" uses probe or lifecycle host "169.254.169.254") [PodSecurity "baseline:latest", control hostProbesAndHostLifecycle, from --pss]' "probe host from v1.34"
expect_eq "$(grep -c 'pss-sysctls\|pss-proc-mount' <<<"$out")" 0 "tcp_rmem and userns procMount allowed at latest"

# Future versions evaluate as the newest one.
a=$("$gori" check --rules 'pss-*' --pss baseline:v1.99 --format json "$td/workloads.yaml" | grep -E '"(rule|line|column)"')
b=$("$gori" check --rules 'pss-*' --pss baseline:latest --format json "$td/workloads.yaml" | grep -E '"(rule|line|column)"')
expect_eq "$a" "$b" "v1.99 evaluates as latest"

out=$("$gori" check --rules 'pss-*' --pss restricted --format json "$td/workloads.yaml"); rc=$?
expect_eq "$rc" 1 "restricted exit"
expect_golden "$out" "$td/workloads-restricted.json.golden"
python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$out" || { echo "FAIL: invalid JSON"; failures=$((failures+1)); }

# privileged checks nothing; a restricted-clean workload passes every level.
out=$("$gori" check --rules 'pss-*' --pss privileged "$td/workloads.yaml"); rc=$?
expect_eq "$rc" 0 "privileged admits everything"
expect_eq "$out" "0 findings in 7 objects from 1 file" "privileged summary"
for p in restricted:v1.0 restricted:v1.8 restricted:v1.19 restricted:v1.22 restricted:v1.35 restricted:latest; do
  out=$("$gori" check --rules 'pss-*' --pss "$p" "$td/clean.yaml"); rc=$?
  expect_eq "$rc" 0 "clean at $p"
done

# Namespace labels turn the family on without --pss and win over --pss in their namespace:
# payments enforces restricted:v1.30 (container_engine_t not yet allowed), tools is privileged,
# legacy has invalid labels that PSA reads as restricted:latest.
out=$("$gori" check --rules 'pss-*' "$td/namespaces.yaml"); rc=$?
expect_eq "$rc" 1 "labelled namespaces exit"
expect_golden "$out" "$td/namespaces.txt.golden"
out2=$("$gori" check --rules 'pss-*' --pss baseline "$td/namespaces.yaml")
expect_eq "$out2" "$out" "labels win over --pss"
out=$("$gori" check "$td/namespaces.yaml")
expect_contains "$out" "high pss-se-linux-options" "labels turn pss on in a default run"

# Off by default: neither the default run nor --rules 'pss-*' alone evaluate anything.
out=$("$gori" check "$td/workloads.yaml")
expect_eq "$(grep -c 'pss-' <<<"$out")" 0 "pss family off by default"
out=$("$gori" check --rules 'pss-*' "$td/workloads.yaml" 2>&1); rc=$?
expect_eq "$rc" 0 "pss rules without a level"
expect_contains "$out" "gori check: note: pss rules selected, but without --pss" "note without a level"

# Severity high: below --fail-on critical.
"$gori" check --rules 'pss-*' --pss restricted --fail-on critical "$td/workloads.yaml" >/dev/null
expect_eq "$?" 0 "pss findings are high"

# Malformed --pss values are usage errors (exit 2) with the reason.
for v in "" strict Restricted restricted: restricted:v1 restricted:1.25 restricted:v1.05 \
         restricted:v1.25.0 restricted:V1.25 restricted:v2.0; do
  err=$("$gori" check --pss "$v" "$td/clean.yaml" 2>&1 >/dev/null); rc=$?
  expect_eq "$rc" 2 "--pss '$v' exit"
  expect_contains "$err" "gori check: invalid --pss value \"$v\": " "--pss '$v' message"
done
err=$("$gori" check --pss restricted:v1 "$td/clean.yaml" 2>&1 >/dev/null)
expect_eq "$err" 'gori check: invalid --pss value "restricted:v1": version "v1" must be "latest" or "v1.N"' "version message"
err=$("$gori" check --pss strict "$td/clean.yaml" 2>&1 >/dev/null)
expect_eq "$err" 'gori check: invalid --pss value "strict": level must be "privileged", "baseline" or "restricted"' "level message"
# A pss-* and a sec-* rule on one node for one reason are one finding naming both; the other
# rule stays listed for JSON and SARIF readers, and both stay in the compliance summary.
out=$("$gori" check examples/payments/)
expect_contains "$out" "examples/payments/ledger-redis.yaml:22:39: critical sec-privileged: container 'tune' runs privileged (also pss-privileged)" "privileged is one finding"
expect_eq "$(grep -c 'ledger-redis.yaml:22:39:' <<<"$out")" 1 "nothing else at privileged: true"
expect_contains "$out" 'examples/payments/ledger-redis.yaml:22:9: high pss-capabilities-restricted: unrestricted capabilities (containers "tune", "redis" must set securityContext.capabilities.drop=["ALL"])' "the more severe pss finding stays"
expect_contains "$out" "(also sec-capabilities-not-dropped)" "and names the sec rule"
json=$("$gori" check --format json examples/payments/)
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([(f["rule"], f["also_rules"]) for f in d["findings"] if f["line"] == 22 and f["column"] == 39])' <<<"$json")" "[('sec-privileged', ['pss-privileged'])]" "JSON also_rules"
sarif=$("$gori" check --format sarif examples/payments/)
expect_eq "$(python3 -c '
import json, sys
run = json.load(sys.stdin)["runs"][0]
ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
also = [r["properties"]["alsoRules"] for r in run["results"] if r["ruleId"] == "sec-privileged"]
print("pss-privileged" in ids, also)' <<<"$sarif")" "True [['pss-privileged']]" "SARIF alsoRules, and the rule described"

finish
