#!/usr/bin/env bash
# A credential written into a manifest is reported without ever printing it: not in the
# message, not in the text report's source excerpt, not in the HTML or JSON reports.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
secret=AKIAQ7EXAMPLEKEY7XYZ
cat > "$tmp/leak.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata: {name: leaky, namespace: pay}
spec:
  containers:
  - name: app
    image: registry.example/app:1.0
    env:
    - name: AWS_ACCESS_KEY_ID
      value: $secret
EOF
out=$("$gori" check --rules sec-literal-secret-env --format text --format html="$tmp/r.html" \
      "$tmp/leak.yaml"); rc=$?
expect_eq "$rc" 1 "literal secret fails the check"
expect_contains "$out" "leak.yaml:10:14: critical sec-literal-secret-env" "finding at the value"
expect_eq "$(grep -c "$secret" <<<"$out")" 0 "secret absent from the text report"
expect_eq "$(grep -c "$secret" "$tmp/r.html")" 0 "secret absent from the HTML report"
json=$("$gori" check --rules sec-literal-secret-env --format json "$tmp/leak.yaml")
expect_eq "$(grep -c "$secret" <<<"$json")" 0 "secret absent from the JSON report"
finish
