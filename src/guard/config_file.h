// src/guard/config_file.h
//
// The gori configuration file (`.gori.yaml`, found from the working directory upward, or
// --config FILE), applied on top of a rules::Config:
//
//   rules:
//     enable: [sec-low-uid, res-cpu-limit]   # rule ids, globs ('sec-*') or families
//     disable: [sec-ssh-port]
//     severity: {sec-host-port: high}        # per-rule severity override
//   parameters:
//     min_replicas: 2
//     allowed_registries: [registry.example.com]
//     required_labels: [app.kubernetes.io/name]
//     system_namespaces: [kube-system, kube-public, kube-node-lease]
//     secret_name_patterns: ["*password*", "*token*"]
//     kubernetes_version: "1.31"
//     complete_bundle: false
//     strict_kinds: false
//     crd_schemas: [crds/]
//   compliance:                               # cmp-* parameters (rules/compliance/lib/options.h)
//     allowed_regions: [ap-northeast-2]
//     require_mtls: true
//   pod_templates:
//     - {apiVersion: example.com/v1, kind: Worker, path: spec.template}
//   ignore_paths: ["vendor/*", "*.generated.yaml"]
//   webhook: {...}                            # read by gori webhook (webhook/config.h)
//
// Everything is validated: unknown keys, wrong types, unknown severities, rule ids or globs
// that name no rule, malformed versions and duplicate keys are errors with file:line:col.
// Thread-compatible.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "rules/config.h"

namespace gori::guard {

inline constexpr const char* kConfigFileName = ".gori.yaml";

// Reads `path` and applies it to `config`.
Status LoadConfigFile(const std::string& path, rules::Config& config);
// Same from bytes; `name` is used in error positions.
Status ParseConfigFile(std::string name, std::string bytes, rules::Config& config);
// The configuration a command runs with: the defaults, then `config_file` when given, else the
// nearest .gori.yaml from `search_from` upward (none when `search_from` is empty too).
Result<rules::Config> ReadConfig(const std::string& config_file, const std::string& search_from);
// The nearest `.gori.yaml` in `dir` or one of its parents, or "" when there is none.
std::string FindConfigFile(const std::filesystem::path& dir);
// "1.31", "v1.31" or "1.31.2" (what kubernetes_version and --kubernetes-version accept).
bool IsKubernetesVersion(std::string_view version);
// A commented configuration that states every default (what `gori config init` writes).
std::string DefaultConfigText();

}  // namespace gori::guard
