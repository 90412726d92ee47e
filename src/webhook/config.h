// src/webhook/config.h
//
// The webhook's part of the gori configuration file: a top-level `webhook:` map (other top-level
// keys belong to `gori check` and are left alone here).
//
//   webhook:
//     denyOn: high                 # critical, high, medium, low, info
//     exempt:
//       namespaces: [kube-system]
//       users: ["system:serviceaccount:ops:deployer"]
//       groups: ["system:masters"]
//
// Unknown keys and wrongly typed values are errors with file:line:col.
#pragma once

#include <string>

#include "base/result.h"
#include "webhook/reviewer.h"

namespace gori::webhook {

// Reads `path` and applies its `webhook:` section on top of `policy`.
Status LoadWebhookConfig(const std::string& path, ReviewPolicy& policy);
// Same, from bytes (`name` is used in error positions).
Status ParseWebhookConfig(std::string name, std::string bytes, ReviewPolicy& policy);

}  // namespace gori::webhook
