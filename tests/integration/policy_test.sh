#!/usr/bin/env bash
# The team's own ValidatingAdmissionPolicies: gori check --policies over the payments example
# (golden text with exact positions, exit codes, --fail-on none, JSON naming each object, the
# configuration's policies:), gori policy test over the examples' tests (golden table, a
# mismatch exits 1), and bad inputs, each a positioned error with exit 2 while the rest is
# still checked.
set -u
gori=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"

# gori check with the example policies: findings at the node that made a validation false.
out=$("$gori" check --rules none --policies examples/policies examples/payments 2>&1)
rc=$?
expect_eq "$rc" 1 "check with policies exits 1 on high findings"
expect_golden "$out" "$src/tests/testdata/policy/check_payments.golden.txt"

out=$("$gori" check --rules none --policies examples/policies --fail-on none examples/payments 2>&1)
expect_eq "$?" 0 "--fail-on none exits 0 whatever the policies find"

json=$("$gori" check --rules none --policies examples/policies --format json \
  examples/payments/notification-worker.yaml)
expect_contains "$json" '"rule": "vap/registry-allow-list"' "json names the policy rule"
expect_contains "$json" '"kind": "Deployment"' "json names the object's kind"
expect_contains "$json" '"name": "notification-worker"' "json names the object"
expect_contains "$json" '"namespace": "payments"' "json names the namespace"
expect_contains "$json" '"path": "spec.template.spec.containers[0]"' "json has the field path"

# auditAnnotations are shown per object, with or without a finding, in text, JSON and SARIF.
cat > "$tmp/audit.yaml" <<'EOF'
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: audit}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: ["*"], resources: [deployments]}
  validations:
  - {expression: "object.spec.replicas <= 5", message: too many}
  auditAnnotations:
  - {key: replicas, valueExpression: "string(object.spec.replicas)"}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: audit}
spec: {policyName: audit, validationActions: [Deny]}
EOF
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: pay}\nspec: {replicas: 7}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: small}\nspec: {replicas: 2}\n' \
  > "$tmp/deployment.yaml"
out=$("$gori" check --rules none --policies "$tmp/audit.yaml" --no-color "$tmp/deployment.yaml"); rc=$?
expect_eq "$rc" 1 "the policy denies web"
expect_contains "$out" "$tmp/deployment.yaml:1:1: audit annotation audit/replicas: 7 (Deployment pay/web)" "text: the failing object's annotation"
expect_contains "$out" "$tmp/deployment.yaml:6:1: audit annotation audit/replicas: 2 (Deployment small)" "text: the passing object's annotation"
expect_contains "$out" "1 finding (1 high) in 2 objects" "annotations are not findings"
json=$("$gori" check --rules none --policies "$tmp/audit.yaml" --format json "$tmp/deployment.yaml")
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print([(a["line"], a["object"]["name"], a["annotations"]) for a in d["audit_annotations"]])' <<<"$json")" \
  "[(1, 'web', {'audit/replicas': '7'}), (6, 'small', {'audit/replicas': '2'})]" "json lists every object's annotations"
sarif=$("$gori" check --rules none --policies "$tmp/audit.yaml" --format sarif "$tmp/deployment.yaml")
expect_eq "$(python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]; print(len(r["results"]), [(a["object"], a["annotations"]) for a in r["properties"]["auditAnnotations"]])' <<<"$sarif")" \
  "1 [('pay/Deployment/web', {'audit/replicas': '7'}), ('Deployment/small', {'audit/replicas': '2'})]" "sarif run properties list them"

# --kubernetes-version selects the CEL libraries: ip() is Kubernetes 1.31's. A policy no
# binding names is a note, not a finding.
cat > "$tmp/ip.yaml" <<'EOF'
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ip}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["*"], resources: ["services"]}
  validations:
  - expression: "ip('10.0.0.1').family() == 4"
EOF
out=$("$gori" check --rules none --policies "$tmp/ip.yaml" --kubernetes-version 1.30 \
  "$tmp/deployment.yaml" 2>&1)
expect_eq "$?" 2 "a library newer than --kubernetes-version is a compile error"
expect_contains "$out" "ip.yaml:9:18: error: spec.validations[0].expression: undeclared reference to 'ip'" \
  "the compile error is positioned"
out=$("$gori" check --rules none --policies "$tmp/ip.yaml" --kubernetes-version 1.31 \
  "$tmp/deployment.yaml" 2>&1)
expect_eq "$?" 0 "ip() compiles for Kubernetes 1.31"
expect_contains "$out" "note: $tmp/ip.yaml:3:18: ValidatingAdmissionPolicy 'ip' is bound by no ValidatingAdmissionPolicyBinding: it is never evaluated" \
  "an unbound policy is a note"

# Suppression by annotation (gori.io/ignore.vap.<policy>) and the baseline, like built-in rules.
sed 's|^  namespace: payments|  namespace: payments\n  annotations: {gori.io/ignore.vap.registry-allow-list: "moves to our registry in Q3"}|' \
  examples/payments/notification-worker.yaml > "$tmp/worker.yaml"
out=$("$gori" check --rules none --policies examples/policies "$tmp/worker.yaml" 2>&1)
expect_eq "$?" 0 "a suppressed policy finding does not fail"
expect_contains "$out" "1 suppressed" "the policy finding is suppressed"
"$gori" check --rules none --policies examples/policies --write-baseline "$tmp/base.json" \
  examples/payments > /dev/null 2>&1
out=$("$gori" check --rules none --policies examples/policies --baseline "$tmp/base.json" \
  examples/payments 2>&1)
expect_eq "$?" 0 "a baseline accepts today's policy findings"

# A custom resource is read with its CRD's schema defaults, whether the CRD is an input or
# given with --crd-schemas; without it, the field is missing.
cat > "$tmp/gateway-policy.yaml" <<'YAML'
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: gateway-replicas}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["pay.example.com"], apiVersions: ["*"], operations: ["CREATE"], resources: ["widgets"]}
  validations:
  - expression: "object.spec.replicas >= 2"
    message: fewer than two replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: gateway-replicas}
spec:
  policyName: gateway-replicas
  validationActions: [Deny]
YAML
cat > "$tmp/widget-crd.yaml" <<'YAML'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.pay.example.com}
spec:
  group: pay.example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer, default: 1}
              size: {type: string}
YAML
printf 'apiVersion: pay.example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: pay}\nspec: {size: s}\n' \
  > "$tmp/widget.yaml"
for how in input flag; do
  if [ "$how" = input ]; then
    out=$("$gori" check --rules none --policies "$tmp/gateway-policy.yaml" "$tmp/widget-crd.yaml" \
      "$tmp/widget.yaml" 2>&1)
  else
    out=$("$gori" check --rules none --policies "$tmp/gateway-policy.yaml" \
      --crd-schemas "$tmp/widget-crd.yaml" "$tmp/widget.yaml" 2>&1)
  fi
  expect_eq "$?" 1 "CRD defaults ($how): a finding"
  expect_contains "$out" "widget.yaml:4:7: high vap/gateway-replicas: ValidatingAdmissionPolicy 'gateway-replicas' with binding 'gateway-replicas' denied request: fewer than two replicas" \
    "CRD defaults ($how): the defaulted replicas is read"
done
out=$("$gori" check --rules none --policies "$tmp/gateway-policy.yaml" "$tmp/widget.yaml" 2>&1)
expect_contains "$out" "resulted in error: no such key: replicas" "without the CRD, no default"

# The commands of docs/policies.md run as written (not usage errors).
while IFS= read -r cmd; do
  out=$(eval "${cmd/.\/build\/gori/\"\$gori\"}" 2>&1)
  rc=$?
  if [ "$rc" -ge 2 ]; then
    echo "FAIL: docs/policies.md: '$cmd' exited $rc: $out" | head -5 >&2
    failures=$((failures + 1))
  fi
done < <(grep -E '^\./build/gori (check|policy)' docs/policies.md)

# The same policies from the configuration file, relative to it.
mkdir -p "$tmp/team"
cp -r examples/policies "$tmp/team/policies"
printf 'policies: [policies/]\n' > "$tmp/team/.gori.yaml"
out=$("$gori" check --config "$tmp/team/.gori.yaml" --rules none \
  examples/payments/notification-worker.yaml 2>&1)
expect_eq "$?" 1 "policies: in the configuration file"
expect_contains "$out" "vap/registry-allow-list" "configured policies run"

# gori policy test over the examples' tests.
out=$("$gori" policy test examples/policies/tests/ 2>&1)
expect_eq "$?" 0 "the example policy tests pass"
expect_golden "$out" "$src/tests/testdata/policy/policy_test.golden.txt"

cp -r examples/policies "$tmp/repo"
sed -i 's|resource: Pod/sandbox/debug, result: fail|resource: Pod/sandbox/debug, result: pass|' \
  "$tmp/repo/tests/payments.test.yaml"
out=$("$gori" policy test "$tmp/repo/tests/payments.test.yaml" 2>&1)
expect_eq "$?" 1 "a mismatch exits 1"
expect_contains "$out" "registry-allow-list     Pod/sandbox/debug                      pass      fail    MISMATCH" "the mismatch row"
expect_contains "$out" "    ValidatingAdmissionPolicy 'registry-allow-list' with binding 'registry-allow-list' denied request: every container image must come from registry.pay.example or registry.internal.example" "why it failed"
expect_contains "$out" "14 tests, 13 passed, 1 mismatched" "summary"

cat > "$tmp/repo/tests/bad.test.yaml" <<'YAML'
policies: [..]
resources: [resources.yaml]
results:
- {policy: registry-allow-list, resource: Pod/sandbox/nothing, result: pass}
- {policy: no-such-policy, resource: Pod/sandbox/debug, result: pass}
- {policy: registry-allow-list, resource: Pod/sandbox/debug, result: maybe}
YAML
out=$("$gori" policy test "$tmp/repo/tests/bad.test.yaml" 2>&1)
expect_eq "$?" 2 "a bad test file exits 2"
expect_contains "$out" "bad.test.yaml:4:43: results.resource: no resource 'Pod/sandbox/nothing'" "unknown resource"
expect_contains "$out" "bad.test.yaml:5:12: results.policy: no policy named 'no-such-policy'" "unknown policy"
expect_contains "$out" "bad.test.yaml:6:70: results.result must be pass, fail or skip" "bad result"

# Bad policies: each a positioned error, exit 2, and the good policy still checked.
cat > "$tmp/bad.yaml" <<'YAML'
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: syntax
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
  validations:
  - expression: |
      object.spec.replicas > 1 &&
        object.metadata.name.startsWith('a'
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: unknown-field
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
  validation:
  - expression: "true"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: message-not-string
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
  validations:
  - expression: "false"
    messageExpression: "42"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: undeclared
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
  validations:
  - expression: 'objet.spec.replicas > 1'
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: to-nothing
spec:
  policyName: not-there
  validationActions: [Deny]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: params-to-nothing
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"]}
  validations:
  - expression: "object.spec.replicas <= int(params.data.max)"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: params-to-nothing
spec:
  policyName: params-to-nothing
  validationActions: [Deny]
  paramRef: {name: limits, namespace: nowhere}
YAML
out=$("$gori" check --rules none --policies "$tmp/bad.yaml" --policies examples/policies \
  examples/payments/notification-worker.yaml 2>&1)
expect_eq "$?" 2 "broken policies exit 2"
out=${out//$tmp/TMP}
expect_golden "$out" "$src/tests/testdata/policy/bad_policies.golden.txt"

finish
