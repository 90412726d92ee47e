// src/rules/config.h
//
// Everything that changes what the rules do: which rules run, severity overrides, rule
// parameters, pod-template paths of CRDs. Built from defaults, the config file and the command
// line (apps/gori); read-only while rules run.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "k8s/object.h"
#include "rules/compliance/lib/options.h"
#include "rules/pss/lib/policy_level.h"
#include "rules/rule.h"

namespace gori::k8s {
struct CrdSchemaFiles;  // k8s/crd_schemas.h
}  // namespace gori::k8s

namespace gori::rules {

class Config {
 public:
  Config();

  // Rule selection. A rule runs when it is enabled (by default, or by `enable`) and not
  // disabled, and — when `only` is non-empty — its id matches one of `only` (globs). An entry
  // names a rule id, a glob, or a family ("security", "pss", ...).
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::vector<std::string> only;
  std::map<std::string, Severity, std::less<>> severity_overrides;

  // Rule parameters.
  int min_replicas = 2;
  std::vector<std::string> allowed_registries;
  std::vector<std::string> required_labels;
  // meta-required-annotations: annotation keys every object must carry.
  std::vector<std::string> required_annotations;
  // rel-priority-class-allowed: the PriorityClasses workloads may name.
  std::vector<std::string> allowed_priority_classes;
  std::vector<std::string> system_namespaces;
  // Compliance rules and exemptions (classification label keys, regions, ...).
  ComplianceOptions compliance;
  // Names of env vars and ConfigMap keys that hold credentials: case-insensitive globs.
  std::vector<std::string> secret_name_patterns;
  // Kubernetes version the manifests target ("1.29"); empty means the newest gori knows.
  std::string kubernetes_version;
  // The bundle holds every object of its namespaces: cross-resource rules may then treat
  // "not in the bundle" as "does not exist" (see index.h).
  bool complete_bundle = false;
  // schema-*: custom resources whose CustomResourceDefinition is in neither the input nor
  // crd_schemas are reported (`--strict-kinds`); by default they are not validated.
  bool strict_kinds = false;
  // CustomResourceDefinition files and directories (`--crd-schemas PATH`) and what
  // guard::Guard::Create read from them.
  std::vector<std::string> crd_schema_paths;
  std::shared_ptr<const k8s::CrdSchemaFiles> crd_schemas;

  // Where pod templates live (built-in kinds, built-in CRDs, configured CRDs).
  std::vector<k8s::PodTemplatePath> pod_templates;
  // Paths `gori check` skips when it walks its inputs: globs matched against the path as
  // given and against each of its trailing components ("vendor/*", "*.generated.yaml").
  std::vector<std::string> ignore_paths;
  // ValidatingAdmissionPolicy files and directories (config `policies:`, relative to the
  // configuration file); the guard loads and evaluates them.
  std::vector<std::string> policies;

  // Suppression annotations: `today` ("YYYY-MM-DD") is what `until=` dates are compared with;
  // empty means the current UTC date.
  std::string today;

  // Pod Security Standards policy (`--pss LEVEL[:VERSION]`, or a pss profile). Setting it turns
  // the pss family on, like `enable: [pss]`; a Namespace with PSA enforce labels in the bundle
  // does the same for that run (see Engine). Labels override it for their namespace.
  std::optional<pss::Policy> pss;

  bool IsActive(const RuleInfo& info) const;
  // Whether the rule would be active if the pss family were switched on (by --pss or by PSA
  // labels in the bundle): the same selection as IsActive with pss rules enabled by default.
  bool IsActiveWithPss(const RuleInfo& info) const;
  Severity SeverityOf(const RuleInfo& info) const;
  bool IsSystemNamespace(std::string_view ns) const;
  // Whether an env var or key name matches secret_name_patterns.
  bool IsSecretName(std::string_view name) const;
  // Whether `path` matches ignore_paths.
  bool IsIgnoredPath(std::string_view path) const;

 private:
  bool Selects(const RuleInfo& info, bool pss_on) const;
};

}  // namespace gori::rules
