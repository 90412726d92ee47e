#!/usr/bin/env bash
# gori webhook end to end over TLS: allow, deny with uid echo, warnings, UPDATE semantics,
# DELETE, dry run, exemptions from --config, 400s, endpoints, keep-alive and pipelining.
set -u
gori=$1
source "$2/tests/integration/lib.sh"
source "$2/tests/integration/webhook_lib.sh"
wh_cert tls
wh_start --threads 2 --config "$wh_data/config.yaml" --drain-delay 100ms
uid='"uid":"6c2f0a3e-1b1d-4a53-9a0e-2f6f1f0c0001"'

out=$(wh_review create_clean.json)
expect_eq "$out" "200 {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{$uid,\"allowed\":true}}" "clean object allowed"

out=$(wh_review create_privileged.json)
expect_contains "$out" "200 {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{$uid,\"allowed\":false,\"status\":{\"code\":403,\"message\":\"gori denied Deployment payments/api: 1 violation at or above high:\\n- sec-privileged (critical): container 'api' runs privileged; fix: " "privileged denied with uid and rule"
expect_contains "$out" '"auditAnnotations":{"denied-rules":"sec-privileged"}' "audit annotation names the rule"

out=$(wh_review create_warnings.json)
expect_contains "$out" '"allowed":true,"warnings":["rel-liveness-probe: container '"'api'"' has no livenessProbe","rel-readiness-probe: container '"'api'"' has no readinessProbe"]' "findings below the threshold are warnings"

out=$(wh_review update_keeps_violation.json)
expect_contains "$out" '"allowed":true,"warnings":["sec-privileged: container '"'api'"' runs privileged (present before this update)"]' "UPDATE keeps an old violation: allowed with warning"
out=$(wh_review update_introduces_violation.json)
expect_contains "$out" '"allowed":false' "UPDATE introducing a violation is denied"

out=$(wh_review delete.json)
expect_eq "$out" "200 {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{$uid,\"allowed\":true}}" "DELETE allowed without evaluation"
out=$(wh_review dry_run_privileged.json)
expect_contains "$out" '"allowed":false' "dry run gets the same answer"
out=$(wh_review exempt_namespace.json)
expect_contains "$out" '"allowed":true,"auditAnnotations":{"decision":"exempt by gori webhook configuration"}' "namespace exempt by config"

out=$(wh_review malformed.json)
expect_match "$out" '^400 malformed JSON: AdmissionReview:3:' "malformed JSON is 400 with position"
out=$(wh_review not_a_review.json)
expect_eq "$out" "400 not an AdmissionReview: apiVersion must be admission.k8s.io/v1, got 'apps/v1' (set admissionReviewVersions: [v1])" "not a review is 400"
out=$(wh_review v1beta1.json)
expect_contains "$out" "400 not an AdmissionReview: apiVersion must be admission.k8s.io/v1, got 'admission.k8s.io/v1beta1'" "v1beta1 is 400"

expect_eq "$(wh_curl /healthz)" "200 ok" "healthz"
expect_eq "$(wh_curl /readyz)" "200 ready" "readyz"
expect_eq "$(wh_curl /validate)" "405 use POST" "GET /validate"
expect_eq "$(wh_curl /nope)" "404 not found" "unknown path"
metrics=$(wh_curl /metrics)
expect_contains "$metrics" 'gori_webhook_admission_requests_total{operation="CREATE",kind="Deployment",decision="denied"} 2' "metrics count denials"
expect_contains "$metrics" 'gori_webhook_admission_requests_total{operation="DELETE",kind="Deployment",decision="skipped"} 1' "metrics count DELETE"
expect_contains "$metrics" 'gori_webhook_findings_total{rule="sec-privileged",severity="critical"}' "metrics count findings by rule"
expect_contains "$metrics" 'gori_webhook_errors_total{kind="malformed_json"} 1' "metrics count errors by kind"
expect_contains "$metrics" 'gori_webhook_admission_duration_seconds_count 11' "latency histogram"
expect_contains "$metrics" 'gori_webhook_ready 1' "ready gauge"

# Keep-alive: curl reuses one connection for several URLs.
curl -s --max-time 5 --cacert "$wh_dir/tls.crt" -o /dev/null -o /dev/null -o /dev/null \
  -w '%{num_connects}\n' "https://127.0.0.1:$wh_port/healthz" "https://127.0.0.1:$wh_port/readyz" \
  "https://127.0.0.1:$wh_port/healthz" > "$wh_dir/connects"
expect_eq "$(tr '\n' ' ' < "$wh_dir/connects")" "1 0 0 " "keep-alive reuses the connection"

# Pipelining over openssl s_client: three requests in one write, answered in order.
out=$(printf 'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\nGET /readyz HTTP/1.1\r\nHost: a\r\n\r\nGET /nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' | wh_raw 5 | grep '^HTTP/1.1' | tr -d '\r' | tr '\n' '|')
expect_eq "$out" "HTTP/1.1 200 OK|HTTP/1.1 200 OK|HTTP/1.1 404 Not Found|" "pipelined requests answered in order"

kill -TERM "$wh_pid"
wait "$wh_pid"
expect_eq "$?" 0 "exit code after SIGTERM"
finish
