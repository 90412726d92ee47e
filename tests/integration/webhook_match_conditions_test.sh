#!/usr/bin/env bash
# deploy/webhook's ValidatingWebhookConfiguration against forged requests: which AdmissionReviews
# the API server would send to gori (rules + matchConditions, decided by match_conditions.py, an
# evaluator of the CEL subset those expressions use — not a full CEL; the same conditions are
# evaluated by gori's CEL in src/webhook/match_conditions_test.cc), and what a real
# `gori webhook` answers to the ones it receives. A bare privileged Pod that names a ReplicaSet
# as its controller in ownerReferences must reach gori and be denied.
set -u
gori=$1
src=$2
source "$src/tests/integration/lib.sh"
source "$src/tests/integration/webhook_lib.sh"
vwc=$src/deploy/webhook/validatingwebhookconfiguration.yaml
route() { python3 "$src/tests/integration/match_conditions.py" "$vwc" "$wh_data/$1"; }

# The evaluator understands the expression shape the bypass used: the former condition skipped
# the forged Pod (so this test would fail with it), the current one sends it to gori.
old='!(request.kind.kind == '"'Pod'"' && has(object.metadata.ownerReferences) && object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller))'
expect_eq "$(python3 "$src/tests/integration/match_conditions.py" --expr "$old" "$wh_data/forged_owner_pod.json")" \
  "false" "the ownerReferences condition skipped a forged Pod"
expect_eq "$(route forged_owner_pod.json)" "call" "forged controller ownerReference reaches the webhook"
expect_eq "$(route controller_pod.json)" "skip: skip-pods-created-by-workload-controllers" \
  "a Pod created by the replicaset controller's service account is skipped"
expect_eq "$(route ephemeral_privileged.json)" "call" "pods/ephemeralcontainers reach the webhook"
expect_eq "$(route rollout_privileged.json)" "call" "Argo Rollouts reach the webhook"
expect_eq "$(route delete.json)" "skip: no rule matches" "DELETE is not sent"

wh_cert tls
wh_start --threads 1
out=$(wh_review forged_owner_pod.json)
expect_contains "$out" '"uid":"6c2f0a3e-1b1d-4a53-9a0e-2f6f1f0c0101","allowed":false,"status":{"code":403,"message":"gori denied Pod payments/web-7d9f-x2k: ' \
  "forged Pod denied"
expect_contains "$out" "sec-privileged (critical): container 'shell' runs privileged" "for running privileged"
out=$(wh_review ephemeral_privileged.json)
expect_contains "$out" '"allowed":false' "privileged ephemeral container denied"
expect_contains "$out" "container 'debugger' runs privileged" "the ephemeral container is named"
out=$(wh_review rollout_privileged.json)
expect_contains "$out" '"allowed":false' "privileged Rollout denied"

log=$(grep '^{"event":"admission"' "$wh_dir/server.log")
expect_contains "$log" '{"event":"admission","uid":"6c2f0a3e-1b1d-4a53-9a0e-2f6f1f0c0101","operation":"CREATE","kind":"Pod","namespace":"payments","name":"web-7d9f-x2k","user":"mallory","allowed":false,"decision":"denied","denied_rules":[' \
  "one structured log line per decision"
expect_contains "$(head -1 <<< "$log")" '"sec-privileged"],"warned_rules":["sec-default-service-account",' \
  "with the rule ids that denied and warned"
expect_eq "$(printf '%s\n' "$log" | wc -l)" 3 "three decisions, three lines"
kill -TERM "$wh_pid"
wait "$wh_pid"
finish
