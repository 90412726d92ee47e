#!/usr/bin/env bash
# Every report format from the real binary: several --format NAME=FILE in one run, --format NAME
# with --output, SARIF validated against the OASIS schema (Debian's python3-jsonschema), JUnit
# parsed as XML, GitLab Code Quality and GitHub annotations checked field by field.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
fixture=tests/testdata/report/fixture
# The rules the expected counts were written for (the catalogue grows; these tests should not).
rules=$(cat tests/testdata/report/rules.txt)

out=$("$gori" check --rules "$rules" --format sarif="$tmp/r.sarif" --format junit="$tmp/r.xml" \
  --format gitlab="$tmp/gl.json" --format github="$tmp/gh.txt" --format html="$tmp/r.html" \
  --format json="$tmp/r.json" "$fixture" 2>&1)
rc=$?
expect_eq "$rc" 2 "exit code with an input error"
expect_contains "$out" "14 findings (1 critical, 6 high, 7 medium) in 3 objects from 3 files, 1 input error" \
  "text still goes to stdout when every format has a file"
for f in r.sarif r.xml gl.json gh.txt r.html r.json; do
  [ -s "$tmp/$f" ] || { echo "FAIL: $f not written" >&2; failures=$((failures + 1)); }
done

# --format NAME + --output FILE: the same bytes, nothing on stdout.
out=$("$gori" check --rules "$rules" --format sarif --output "$tmp/o.sarif" "$fixture")
expect_eq "$out" "" "stdout with --output"
cmp -s "$tmp/o.sarif" "$tmp/r.sarif" || { echo "FAIL: --output sarif differs from sarif=FILE" >&2; failures=$((failures + 1)); }

# SARIF: schema-valid, and what GitHub code scanning needs.
schema="$src/../shared/schemas/sarif-schema-2.1.0.json"
if [ -f "$schema" ]; then
  v=$("$py" -c 'import json,jsonschema,sys
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
print("valid")' "$tmp/r.sarif" "$schema" 2>&1)
  expect_eq "$v" "valid" "SARIF validates against sarif-schema-2.1.0.json"
else
  echo "SKIP: SARIF schema validation: $schema is absent (CI clones the repo beside shared/)"
fi
facts=$("$py" - "$tmp/r.sarif" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
res = run["results"]
print("version", d["version"])
print("results", len(res))
print("ruleIndex-ok", all(ids[r["ruleIndex"]] == r["ruleId"] for r in res))
print("fingerprints", len({r["partialFingerprints"]["goriFinding/v1"] for r in res}))
print("relative", all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%" for r in res))
priv = [r for r in res if r["ruleId"] == "sec-privileged"][0]
reg = priv["locations"][0]["physicalLocation"]["region"]
print("privileged", priv["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], reg["startLine"], reg["startColumn"], priv["level"])
r = rules[ids.index("sec-privileged")]
tags = r["properties"]["tags"]
print("rule-help", "How to fix" in r["help"]["text"], "**How to fix:**" in r["help"]["markdown"], r["defaultConfiguration"]["level"], tags[0], len(tags) > 1, r["properties"]["security-severity"])
inv = run["invocations"][0]
print("invocation", inv["executionSuccessful"], inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
PY
)
expect_contains "$facts" "version 2.1.0" "sarif version"
expect_contains "$facts" "results 14" "sarif results"
expect_contains "$facts" "ruleIndex-ok True" "sarif ruleIndex points at ruleId"
expect_contains "$facts" "fingerprints 14" "sarif fingerprints unique"
expect_contains "$facts" "relative True" "sarif relative uris"
expect_contains "$facts" "privileged tests/testdata/report/fixture/api.yaml 20 23 error" "sarif sec-privileged location"
expect_contains "$facts" "rule-help True True error security True 9.5" "sarif rule metadata (family tag, then mappings)"
expect_contains "$facts" "invocation False tests/testdata/report/fixture/broken.yaml" "sarif input error notification"

# JUnit: well-formed XML with the counts GitLab and Jenkins read.
facts=$("$py" - "$tmp/r.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(root.tag, root.get("tests"), root.get("failures"), root.get("errors"))
for s in root.findall("testsuite"):
    print("suite", s.get("name"), len(s.findall("testcase")))
case = root.find(".//testcase[@name='Deployment shop/checkout']")
print("failure", case.find("failure").get("type"), "side<car>" in case.find("failure").text)
PY
)
expect_contains "$facts" "testsuites 4 2 1" "junit totals"
expect_contains "$facts" "suite tests/testdata/report/fixture/api.yaml 2" "junit suite per file, case per object"
expect_contains "$facts" "suite tests/testdata/report/fixture/broken.yaml 1" "junit input error suite"
expect_contains "$facts" "failure sec-privileged True" "junit failure names the worst rule, text escaped and read back"

# GitLab Code Quality: required fields, mapped severities, unique fingerprints.
facts=$("$py" - "$tmp/gl.json" <<'PY'
import json, sys
issues = json.load(open(sys.argv[1]))
ok = all(set(["description", "check_name", "fingerprint", "severity", "location"]) <= set(i) for i in issues)
print("fields", ok, len(issues))
print("severities", sorted({i["severity"] for i in issues}))
print("unique", len({i["fingerprint"] for i in issues}) == len(issues))
p = [i for i in issues if i["check_name"] == "sec-privileged"][0]
print("privileged", p["severity"], p["location"]["path"], p["location"]["lines"]["begin"])
PY
)
expect_contains "$facts" "fields True 15" "gitlab issues (14 findings + 1 input error)"
expect_contains "$facts" "severities ['blocker', 'critical', 'major']" "gitlab severity mapping"
expect_contains "$facts" "unique True" "gitlab fingerprints unique"
expect_contains "$facts" "privileged blocker tests/testdata/report/fixture/api.yaml 20" "gitlab location"

# GitHub workflow commands: one per finding, escaped.
gh=$(cat "$tmp/gh.txt")
expect_contains "$gh" "::error file=tests/testdata/report/fixture/api.yaml,line=20,col=23,title=sec-privileged (critical)::container 'api' runs privileged%0AFix: " "github error annotation"
expect_contains "$gh" "::warning file=tests/testdata/report/fixture/api.yaml,line=24,col=9,title=res-cpu-request (medium)::container 'side<car> & \"co\", 100%25: ünï' has no cpu request" "github warning, % escaped in data"
expect_contains "$gh" "title=gori%3A input error::while parsing" "github property escaping"
expect_eq "$(grep -c '^::' "$tmp/gh.txt")" 15 "github annotation count"

# A clean input: exit 0, SARIF with no results and a successful invocation.
printf 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n' > "$tmp/clean.yaml"
"$gori" check --format sarif="$tmp/clean.sarif" "$tmp/clean.yaml" >/dev/null
expect_eq "$?" 0 "clean exit code"
facts=$("$py" -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]; print(len(r["results"]), r["invocations"][0]["executionSuccessful"])' "$tmp/clean.sarif")
expect_eq "$facts" "0 True" "clean sarif"

# Usage errors.
out=$("$gori" check --format xml "$fixture" 2>&1); rc=$?
expect_eq "$rc" 2 "unknown format exit code"
expect_contains "$out" "--format: unknown format 'xml' (want text, json, sarif, junit, gitlab, github, html, evidence)" "unknown format message"
out=$("$gori" check --format text --format json "$fixture" 2>&1); rc=$?
expect_eq "$rc" 2 "two stdout formats exit code"
out=$("$gori" check --format sarif="$tmp/no/such/dir/x.sarif" "$fixture" 2>&1); rc=$?
expect_eq "$rc" 2 "unwritable file exit code"
expect_contains "$out" "cannot write $tmp/no/such/dir/x.sarif: No such file or directory" "unwritable file message"
out=$("$gori" check 2>&1); rc=$?
expect_eq "$rc" 2 "no input exit code"
expect_contains "$out" "no input: give files, directories, - for stdin, or --kustomize DIR" "no input message"
finish
