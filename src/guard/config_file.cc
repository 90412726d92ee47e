#include "guard/config_file.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/source.h"
#include "doc/document.h"
#include "doc/fields.h"
#include "rules/index.h"
#include "rules/registry.h"
#include "yaml/loader.h"

namespace gori::guard {

using rules::AllRules;
using rules::Config;
using rules::Family;
using rules::FamilyName;
using rules::FindRule;
using rules::GlobMatch;
using rules::GroupOfApiVersion;
using rules::ParseSeverity;
using rules::Rule;

namespace {

std::string Join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) {
    if (!s.empty()) s += ", ";
    s += p;
  }
  return s;
}

bool NamesFamily(std::string_view s) {
  for (Family f :
       {Family::kSecurity, Family::kRbac, Family::kReliability, Family::kResources,
        Family::kNetwork, Family::kSupply, Family::kMeta, Family::kPss, Family::kCompliance}) {
    if (FamilyName(f) == s) return true;
  }
  return false;
}

bool NamesRule(std::string_view pattern) {
  for (const Rule* r : AllRules()) {
    if (GlobMatch(pattern, r->Info().id)) return true;
  }
  return false;
}

}  // namespace

bool IsKubernetesVersion(std::string_view v) {
  if (!v.empty() && v.front() == 'v') v.remove_prefix(1);
  if (!v.starts_with("1.")) return false;
  v.remove_prefix(2);
  int parts = 0;
  while (!v.empty()) {
    std::size_t n = 0;
    while (n < v.size() && std::isdigit(static_cast<unsigned char>(v[n]))) ++n;
    if (n == 0) return false;
    ++parts;
    v.remove_prefix(n);
    if (v.empty()) break;
    if (v.front() != '.' || parts == 2) return false;
    v.remove_prefix(1);
    if (v.empty()) return false;
  }
  return parts >= 1;
}

namespace {

class Reader {
 public:
  explicit Reader(const Source& src) : file_(src.name()), fields_(src.name()) {}

  // A path written in the file, taken relative to the file's directory.
  std::string RelativeToFile(const std::string& path) const {
    std::filesystem::path p(path);
    if (p.is_absolute()) return path;
    std::filesystem::path dir = std::filesystem::path(file_).parent_path();
    return dir.empty() ? path : (dir / p).string();
  }

  Status Apply(const doc::Node* root, Config& config) {
    if (!root || root->IsNull()) return {};
    if (!root->IsMap()) return At(root, "the configuration must be a map");
    for (const doc::Pair& p : root->pairs()) {
      std::string_view key = p.key->text();
      Status st;
      if (key == "rules") {
        st = Rules(p.value, config);
      } else if (key == "parameters") {
        st = Parameters(p.value, config);
      } else if (key == "pod_templates") {
        st = PodTemplates(p.value, config);
      } else if (key == "ignore_paths") {
        st = Strings(p.value, "ignore_paths", config.ignore_paths);
      } else if (key == "policies") {
        std::vector<std::string> paths;
        st = Strings(p.value, "policies", paths);
        for (std::string& path : paths) config.policies.push_back(RelativeToFile(path));
      } else if (key == "compliance") {
        st = Compliance(p.value, config.compliance);
      } else if (key == "webhook") {
        // Read and validated by gori webhook (webhook/config.h).
        if (!p.value->IsMap() && !p.value->IsNull()) st = At(p.value, "webhook must be a map");
      } else {
        st = At(p.key, fmt::format("unknown key '{}' (want {})", key,
                                   Join({"rules", "parameters", "compliance", "pod_templates",
                                         "ignore_paths", "policies", "webhook"})));
      }
      if (!st) return st;
    }
    return {};
  }

  tl::unexpected<Error> At(const doc::Node* n, std::string message) const {
    return fields_.Bad(n, std::move(message));
  }

 private:
  std::string file_;
  Status Strings(const doc::Node* n, std::string_view what, std::vector<std::string>& out) {
    return fields_.Strings(n, what, out);
  }

  Status Selection(const doc::Node* n, std::string_view what, std::vector<std::string>& out) {
    std::size_t first = out.size();
    if (auto st = Strings(n, what, out); !st) return st;
    auto items = n->items();
    for (std::size_t i = first; i < out.size(); ++i) {
      if (!NamesFamily(out[i]) && !NamesRule(out[i])) {
        return At(items[i - first],
                  fmt::format("{}: '{}' names no rule or family (see gori rules)", what, out[i]));
      }
    }
    return {};
  }

  Status Rules(const doc::Node* n, Config& config) {
    if (n->IsNull()) return {};
    if (!n->IsMap()) return At(n, "rules must be a map");
    for (const doc::Pair& p : n->pairs()) {
      std::string_view key = p.key->text();
      Status st;
      if (key == "enable") {
        st = Selection(p.value, "rules.enable", config.enable);
      } else if (key == "disable") {
        st = Selection(p.value, "rules.disable", config.disable);
      } else if (key == "severity") {
        st = Severities(p.value, config);
      } else {
        st = At(p.key, fmt::format("unknown key 'rules.{}' (want enable, disable, severity)", key));
      }
      if (!st) return st;
    }
    return {};
  }

  Status Severities(const doc::Node* n, Config& config) {
    if (n->IsNull()) return {};
    if (!n->IsMap()) return At(n, "rules.severity must be a map of rule id to severity");
    for (const doc::Pair& p : n->pairs()) {
      std::string_view id = p.key->text();
      if (!FindRule(id)) {
        return At(p.key, fmt::format("rules.severity: no rule '{}' (see gori rules)", id));
      }
      auto sev = ParseSeverity(p.value->text());
      if (!p.value->IsString() || !sev) {
        return At(p.value,
                  fmt::format("rules.severity.{}: {}", id,
                              sev ? std::string("must be a severity name") : sev.error().message));
      }
      config.severity_overrides[std::string(id)] = *sev;
    }
    return {};
  }

  Status Parameters(const doc::Node* n, Config& config) {
    if (n->IsNull()) return {};
    if (!n->IsMap()) return At(n, "parameters must be a map");
    for (const doc::Pair& p : n->pairs()) {
      std::string_view key = p.key->text();
      std::string what = fmt::format("parameters.{}", key);
      Status st;
      if (key == "min_replicas") {
        auto v = p.value->AsInt();
        if (!v || *v < 1 || *v > 1'000'000) {
          st = At(p.value, what + " must be a positive integer");
        } else {
          config.min_replicas = static_cast<int>(*v);
        }
      } else if (key == "allowed_registries") {
        config.allowed_registries.clear();
        st = Strings(p.value, what, config.allowed_registries);
      } else if (key == "required_labels") {
        config.required_labels.clear();
        st = Strings(p.value, what, config.required_labels);
      } else if (key == "required_annotations") {
        config.required_annotations.clear();
        st = Strings(p.value, what, config.required_annotations);
      } else if (key == "allowed_priority_classes") {
        config.allowed_priority_classes.clear();
        st = Strings(p.value, what, config.allowed_priority_classes);
      } else if (key == "system_namespaces") {
        config.system_namespaces.clear();
        st = Strings(p.value, what, config.system_namespaces);
      } else if (key == "secret_name_patterns") {
        config.secret_name_patterns.clear();
        st = Strings(p.value, what, config.secret_name_patterns);
        for (std::string& s : config.secret_name_patterns) {
          for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
      } else if (key == "kubernetes_version") {
        // Unquoted 1.31 is a YAML number; its text is what counts.
        std::string_view v = p.value->IsScalar() ? p.value->text() : std::string_view();
        if (!v.empty() && !IsKubernetesVersion(v)) {
          st = At(p.value, what + " must be a Kubernetes version such as \"1.31\"");
        } else {
          config.kubernetes_version = std::string(v);
        }
      } else if (key == "complete_bundle") {
        auto v = fields_.Bool(p.value, what);
        if (!v) {
          st = tl::unexpected(v.error());
        } else {
          config.complete_bundle = *v;
        }
      } else if (key == "strict_kinds") {
        if (!p.value->IsBool()) {
          st = At(p.value, what + " must be true or false");
        } else {
          config.strict_kinds = *p.value->AsBool();
        }
      } else if (key == "crd_schemas") {
        config.crd_schema_paths.clear();
        st = Strings(p.value, what, config.crd_schema_paths);
      } else if (key == "allowed_regions") {
        // The same list as compliance.allowed_regions, where earlier configurations put it.
        config.compliance.allowed_regions.clear();
        st = Strings(p.value, what, config.compliance.allowed_regions);
      } else {
        st = At(p.key, fmt::format("unknown key '{}' (want {})", what,
                                   Join({"min_replicas", "allowed_registries", "required_labels",
                                         "required_annotations", "allowed_priority_classes",
                                         "system_namespaces", "secret_name_patterns",
                                         "kubernetes_version", "complete_bundle", "strict_kinds",
                                         "crd_schemas", "allowed_regions"})));
      }
      if (!st) return st;
    }
    return {};
  }

  // The compliance section: parameters of the cmp-* rules and of exemptions
  // (compliance/lib/options.h).
  Status Compliance(const doc::Node* n, rules::ComplianceOptions& o) {
    if (n->IsNull()) return {};
    if (!n->IsMap()) return At(n, "compliance must be a map");
    struct Text {
      std::string_view key;
      std::string* field;
    };
    const Text texts[] = {{"data_class_label", &o.data_class_label},
                          {"zone_label", &o.zone_label},
                          {"env_label", &o.env_label},
                          {"exempt_prefix", &o.exempt_prefix},
                          {"log_pipeline_annotation", &o.log_pipeline_annotation},
                          {"mesh_root_namespace", &o.mesh_root_namespace}};
    struct List {
      std::string_view key;
      std::vector<std::string>* field;
    };
    const List lists[] = {{"allowed_regions", &o.allowed_regions},
                          {"region_labels", &o.region_labels},
                          {"log_agent_images", &o.log_agent_images},
                          {"database_images", &o.database_images}};
    struct Flag {
      std::string_view key;
      bool* field;
    };
    const Flag flags[] = {{"require_mtls", &o.require_mtls},
                          {"external_log_pipeline", &o.external_log_pipeline}};
    for (const doc::Pair& p : n->pairs()) {
      std::string_view key = p.key->text();
      std::string what = fmt::format("compliance.{}", key);
      bool known = false;
      for (const Text& t : texts) {
        if (t.key != key) continue;
        known = true;
        auto v = p.value->AsString();
        if (!v || v->empty()) return At(p.value, what + " must be a non-empty string");
        *t.field = std::string(*v);
      }
      for (const List& l : lists) {
        if (l.key != key) continue;
        known = true;
        l.field->clear();
        if (Status st = Strings(p.value, what, *l.field); !st) return st;
      }
      for (const Flag& f : flags) {
        if (f.key != key) continue;
        known = true;
        if (!p.value->IsBool()) return At(p.value, what + " must be true or false");
        *f.field = *p.value->AsBool();
      }
      if (!known) {
        std::vector<std::string_view> names;
        for (const Text& t : texts) names.push_back(t.key);
        for (const List& l : lists) names.push_back(l.key);
        for (const Flag& f : flags) names.push_back(f.key);
        return At(p.key, fmt::format("unknown key '{}' (want {})", what, fmt::join(names, ", ")));
      }
    }
    return {};
  }

  Status PodTemplates(const doc::Node* n, Config& config) {
    if (n->IsNull()) return {};
    if (!n->IsSeq()) return At(n, "pod_templates must be a list");
    for (const doc::Node* e : n->items()) {
      if (!e->IsMap()) return At(e, "pod_templates entries must be maps");
      std::string_view api_version, kind, path;
      for (const doc::Pair& p : e->pairs()) {
        std::string_view key = p.key->text();
        std::string_view* field = key == "apiVersion" ? &api_version
                                  : key == "kind"     ? &kind
                                  : key == "path"     ? &path
                                                      : nullptr;
        if (!field) {
          return At(p.key, fmt::format("unknown key 'pod_templates.{}' (want apiVersion, kind, "
                                       "path)",
                                       key));
        }
        auto s = p.value->AsString();
        if (!s || s->empty()) {
          return At(p.value, fmt::format("pod_templates.{} must be a non-empty string", key));
        }
        *field = *s;
      }
      if (api_version.empty() || kind.empty() || path.empty()) {
        return At(e, "pod_templates entries need apiVersion, kind and path");
      }
      k8s::PodTemplatePath t{std::string(GroupOfApiVersion(api_version)), std::string(kind), {}};
      std::size_t start = 0;
      while (start <= path.size()) {
        std::size_t dot = path.find('.', start);
        if (dot == std::string_view::npos) dot = path.size();
        if (dot == start) return At(e, fmt::format("pod_templates.path '{}' is malformed", path));
        t.path.emplace_back(path.substr(start, dot - start));
        start = dot + 1;
      }
      // Configured paths take precedence over built-in ones for the same kind.
      config.pod_templates.insert(config.pod_templates.begin(), std::move(t));
    }
    return {};
  }

  doc::FieldReader fields_;
};

Status ApplyFile(doc::LoadedFile& file, Config& config) {
  if (auto st = yaml::Load(file); !st) return st;
  Reader reader(*file.source);
  int documents = 0;
  for (const doc::Document& d : file.documents) {
    if (!d.duplicate_keys.empty()) {
      const doc::DuplicateKey& dk = d.duplicate_keys.front();
      return reader.At(dk.duplicate, fmt::format("duplicate key '{}' (first at line {})",
                                                 dk.duplicate->text(), dk.first->line()));
    }
    if (!d.root) continue;
    if (++documents > 1) return reader.At(d.root, "a configuration file holds one YAML document");
    if (auto st = reader.Apply(d.root, config); !st) return st;
  }
  return {};
}

}  // namespace

Status LoadConfigFile(const std::string& path, Config& config) {
  auto src = Source::Read(path);
  if (!src) return tl::unexpected(src.error());
  doc::LoadedFile file;
  file.source = std::move(*src);
  return ApplyFile(file, config);
}

Status ParseConfigFile(std::string name, std::string bytes, Config& config) {
  doc::LoadedFile file;
  file.source = Source::FromString(std::move(name), std::move(bytes));
  return ApplyFile(file, config);
}

Result<Config> ReadConfig(const std::string& config_file, const std::string& search_from) {
  Config config;
  std::string file = config_file;
  if (file.empty() && !search_from.empty()) file = FindConfigFile(search_from);
  if (!file.empty()) {
    if (Status st = LoadConfigFile(file, config); !st) return tl::unexpected(st.error());
  }
  return config;
}

std::string FindConfigFile(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return {};
  while (true) {
    std::filesystem::path candidate = dir / kConfigFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return {};
    dir = dir.parent_path();
  }
}

std::string DefaultConfigText() {
  Config d;
  auto list = [](const std::vector<std::string>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) s += ", ";
      s += fmt::format("\"{}\"", v[i]);
    }
    return s + "]";
  };
  std::string opt_in;
  for (const Rule* r : AllRules()) {
    if (r->Info().enabled_by_default || r->Info().family == Family::kPss) continue;
    opt_in += fmt::format("  #   {:<28} {}\n", r->Info().id, r->Info().summary);
  }
  return fmt::format(
      R"(# gori configuration. `gori check` and `gori webhook` use the nearest .gori.yaml from the
# working directory upward, or --config FILE. Every value below is the default; delete what
# you do not change. Unknown keys are errors. `gori rules` lists the rules, `gori explain ID`
# describes one.

rules:
  # Turn on rules that are off by default, by id, glob ('sec-*') or family (security, rbac,
  # reliability, resources, network, supply-chain, metadata, pss, compliance). Off by default:
{}  enable: []
  # Turn rules off the same way.
  disable: []
  # Severity per rule id: critical, high, medium, low or info.
  severity: {{}}

parameters:
  # rel-replicas, rel-hpa-min-replicas: the fewest replicas a serving workload should run.
  min_replicas: {}
  # sup-registry: registries (or registry/path prefixes, globs allowed) images may come from.
  # Empty: the rule is silent. Docker Hub images are docker.io/library/NAME.
  allowed_registries: []
  # meta-required-labels (off by default): labels every object and pod template must carry.
  required_labels: []
  # meta-required-annotations (off by default): annotations every object must carry.
  required_annotations: []
  # rel-priority-class-allowed (off by default): the PriorityClasses workloads may name.
  allowed_priority_classes: []
  # Namespaces that some rules (net-no-network-policy, res-namespace-quota) leave alone.
  system_namespaces: {}
  # sec-literal-secret-env, sec-sensitive-configmap: names of variables and keys that hold
  # credentials (case-insensitive globs).
  secret_name_patterns: {}
  # schema-*, meta-deprecated-api: the Kubernetes version the manifests target ("1.31");
  # empty means the newest version gori embeds (1.28 to 1.36).
  kubernetes_version: ""
  # schema-unknown-kind: report custom resources whose CustomResourceDefinition is in neither
  # the input nor crd_schemas.
  strict_kinds: false
  # Files or directories of CustomResourceDefinitions whose schemas custom resources are
  # validated against (besides those in the input).
  crd_schemas: []
  # Cross-resource rules speak only when the input can know the answer (e.g. a missing
  # PodDisruptionBudget only when the input defines the namespace or its PDBs). true declares
  # that the input holds every object of its namespaces.
  complete_bundle: false

# Parameters of the compliance rules (cmp-*) and exemptions; see docs/compliance.md.
compliance: {{}}
#  allowed_regions: [ap-northeast-2]
#  data_class_label: compliance/data-class
#  require_mtls: false
#  external_log_pipeline: false

# Custom resources that carry a pod template, in addition to the built-in kinds (Pod,
# Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Argo
# Rollout, OpenKruise CloneSet, KEDA ScaledJob, Knative Service). Any version of the group.
pod_templates: []
#  - {{apiVersion: example.com/v1, kind: Worker, path: spec.template}}

# Files and directories `gori check` skips when it walks a directory (globs, matched against
# the path and each of its trailing parts).
ignore_paths: []
#  - "vendor/*"
#  - "*.generated.yaml"

# The team's own ValidatingAdmissionPolicies (files or directories, relative to this file):
# gori check and gori webhook evaluate them like built-in rules (see docs/policies.md).
policies: []
#  - policies/

# gori webhook (admission control); `gori check` ignores this section.
webhook:
  # Findings at or above this severity deny the request; lower ones are returned as warnings.
  denyOn: high
  # Requests allowed without review (recorded in the audit annotations): by namespace, by
  # user name, or by any of the user's groups.
  exempt:
    namespaces: []
    users: []
    groups: []
)",
      opt_in, d.min_replicas, list(d.system_namespaces), list(d.secret_name_patterns));
}

}  // namespace gori::guard
