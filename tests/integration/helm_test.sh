#!/usr/bin/env bash
# `helm template … | gori check -`: findings are reported in the chart template that rendered
# them (from helm's "# Source:" headers) in every format, and --helm-root maps them to the
# chart's files. The rendered output is captured in tests/testdata/helm (helm is not in Debian).
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
rendered=tests/testdata/helm/rendered.yaml
rules=$(cat tests/testdata/report/rules.txt)  # the rules expected.txt was written for

out=$(NO_COLOR=1 "$gori" check --rules "$rules" - < "$rendered"); rc=$?
expect_eq "$rc" 1 "exit code"
expect_golden "$out" tests/testdata/helm/expected.txt

# Every format names the template; --helm-root points at files that exist.
"$gori" check --helm-root tests/testdata/helm/payments --format json="$tmp/r.json" \
  --format sarif="$tmp/r.sarif" --format github="$tmp/gh.txt" --format gitlab="$tmp/gl.json" \
  --format junit="$tmp/r.xml" - < "$rendered" >/dev/null
facts=$("$py" - "$tmp/r.json" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
files = sorted({f["file"] for f in d["findings"]})
print("files", " ".join(files))
print("exist", all(os.path.isfile(f) for f in files))
p = [f for f in d["findings"] if f["rule"] == "sec-privileged"][0]
print("privileged", p["file"], p["line"], p["column"], p.get("rendered_line", 0), p["input"]["file"], p["input"]["line"])
p = [f for f in d["findings"] if f["rule"] == "rel-replicas"][0]
print("replicas", p["file"], p["line"], p["column"], p.get("rendered_line", 0))
PY
)
expect_contains "$facts" "files tests/testdata/helm/payments/charts/redis/templates/statefulset.yaml tests/testdata/helm/payments/templates/deployment.yaml tests/testdata/helm/payments/templates/tests/test-connection.yaml" "json files are templates"
expect_contains "$facts" "exist True" "--helm-root paths exist"
# The template holds the rendered line verbatim once: its own line and column.
expect_contains "$facts" "privileged tests/testdata/helm/payments/templates/deployment.yaml 25 23 0 <stdin> 66" "json position"
expect_eq "$(sed -n 25p tests/testdata/helm/payments/templates/deployment.yaml)" "          privileged: true" "template line 25"
# `replicas: 1` comes from `replicas: {{ .Values.replicas }}`: no template line, the rendered one.
expect_contains "$facts" "replicas tests/testdata/helm/payments/templates/deployment.yaml 0 0 6" "json rendered-only position"

facts=$("$py" - "$tmp/r.sarif" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
for rule in ("sec-privileged", "rel-replicas"):
    r = [x for x in run["results"] if x["ruleId"] == rule][0]
    loc = r["locations"][0]
    region = loc["physicalLocation"].get("region", {}).get("startLine", "no-region")
    print(rule, loc["physicalLocation"]["artifactLocation"]["uri"], region, loc.get("message", {}).get("text", "-"))
PY
)
expect_eq "$facts" "sec-privileged tests/testdata/helm/payments/templates/deployment.yaml 25 -
rel-replicas tests/testdata/helm/payments/templates/deployment.yaml no-region rendered line 6" "sarif locations: a template line only when it is the template's own"
schema="$src/../shared/schemas/sarif-schema-2.1.0.json"
if [ -f "$schema" ]; then
  v=$("$py" -c 'import json,jsonschema,sys
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
print("valid")' "$tmp/r.sarif" "$schema" 2>&1)
  expect_eq "$v" "valid" "helm SARIF validates"
else
  echo "SKIP: SARIF schema validation: $schema is absent"
fi
expect_contains "$(cat "$tmp/gh.txt")" "::error file=tests/testdata/helm/payments/templates/deployment.yaml,line=25,col=23,title=sec-privileged (critical)::container 'api' runs privileged%0AFix:" "github annotation on the template line"
expect_contains "$(cat "$tmp/gh.txt")" "::warning file=tests/testdata/helm/payments/templates/deployment.yaml,title=rel-replicas (medium)::Deployment 'rel-payments' runs 1 replica (min_replicas is 2) and no HPA scales it (rendered line 6)" "github annotation on the template without a rendered line"
expect_contains "$(cat "$tmp/gl.json")" '"path": "tests/testdata/helm/payments/charts/redis/templates/statefulset.yaml"' "gitlab path"
expect_contains "$(cat "$tmp/r.xml")" '<testsuite name="tests/testdata/helm/payments/templates/tests/test-connection.yaml"' "junit suite per template"
expect_contains "$(cat "$tmp/r.xml")" '<testcase name="ServiceAccount rel-payments" classname="tests/testdata/helm/payments/templates/serviceaccount.yaml" time="0"/>' "junit passing object in its template"

# Without --helm-root the templates are not found: no annotation claims a line of them.
gh=$("$gori" check --format github - < "$rendered")
expect_eq "$(grep -c 'file=payments/templates/deployment.yaml,line=' <<<"$gh")" 0 "github: no rendered line on a template"
expect_contains "$gh" "::error file=payments/templates/deployment.yaml,title=sec-privileged (critical)::container 'api' runs privileged (rendered line 25)" "github: template named, rendered line in the message"

# A document with a parse error is reported in its template too.
printf -- '---\n# Source: payments/templates/bad.yaml\napiVersion: v1\nkind: ConfigMap\ndata: [\n' > "$tmp/bad.yaml"
out=$("$gori" check - < "$tmp/bad.yaml" 2>&1); rc=$?
expect_eq "$rc" 2 "broken rendered input exit code"
expect_match "$out" "payments/templates/bad.yaml \(rendered line [0-9]+\): error: " "broken input shown in its template"
finish
