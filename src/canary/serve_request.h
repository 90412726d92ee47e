// src/canary/serve_request.h
//
// The request bodies `gori canary serve` accepts, read with positions like every gori input
// ("request:1:17: window: ..."). Untrusted: anything malformed is an Error (HTTP 400), never a
// crash; sizes are bounded by the server's body limit and the JSON loader's depth limit.
//
// POST /v1/judge (Argo Rollouts' Web provider, scripts):
//   {"config": "payments",           // a config of --config-dir (NAME.yaml); omitted: --config
//    "configYaml": "metrics: ...",   // or the config itself, inline (YAML or JSON text)
//    "baseline": "track=\"baseline\"", "canary": "track=\"canary\"",   // required
//    "window": "10m", "end": "2026-12-05T14:00:00Z" | "@1764943200", "start": "...", "look": 2}
// Unknown keys are errors (a typo never becomes a silently ignored setting).
//
// Flagger webhooks (rollout, confirm-promotion, rollback): Flagger's own payload
//   {"name": "podinfo", "namespace": "test", "phase": "Progressing", "checksum": "...",
//    "metadata": {"config": ..., "baseline": ..., "canary": ..., "window": ..., "look": "2",
//                 "proceedOn": "pass,marginal"}}
// whose metadata values are strings (Flagger's type); the metadata keys are those of /v1/judge
// plus proceedOn, and unknown metadata keys are errors. Other top-level keys are ignored (they
// are Flagger's to add).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::canary {

struct ServeRequest {
  std::string config_name;  // empty: the server's default config
  std::string config_yaml;  // inline config; never together with config_name
  std::string baseline, canary;
  std::string window, end, start;
  int look = 0;
  // Flagger only.
  std::string name, namespace_name, phase;
  std::vector<std::string> proceed_on;  // verdicts answered with 200; empty: the hook's default
};

Result<ServeRequest> ReadJudgeRequest(std::string_view body);
Result<ServeRequest> ReadFlaggerRequest(std::string_view body);

// A config name of --config-dir: letters, digits, '.', '_', '-', not starting with '.', at
// most 253 bytes (a ConfigMap key without its ".yaml").
bool ValidConfigName(std::string_view name);

}  // namespace gori::canary
