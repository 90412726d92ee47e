#include "rules/config.h"

#include <algorithm>
#include <cctype>

#include "rules/registry.h"

namespace gori::rules {
namespace {

bool Names(const std::string& entry, const RuleInfo& info) {
  if (entry == FamilyName(info.family)) return true;
  return GlobMatch(entry, info.id);
}

bool AnyNames(const std::vector<std::string>& entries, const RuleInfo& info) {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const std::string& e) { return Names(e, info); });
}

}  // namespace

Config::Config()
    : system_namespaces{"kube-system", "kube-public", "kube-node-lease"},
      secret_name_patterns{
          "*password*", "*passwd*", "*secret*", "*token*", "*api_key*", "*apikey*", "*api-key*",
          "*private_key*", "*privatekey*", "*access_key*", "*credential*", "*auth_key*",
          // cloud keys: AZURE_STORAGE_KEY, AZURE_CLIENT_KEY, OCI_CLI_KEY_CONTENT
          "azure_*key*", "*account_key*", "*client_key*", "*key_content*", "*signing_key*"},
      pod_templates(k8s::BuiltinPodTemplatePaths()) {}

bool Config::IsActive(const RuleInfo& info) const { return Selects(info, pss.has_value()); }

bool Config::IsActiveWithPss(const RuleInfo& info) const { return Selects(info, true); }

bool Config::Selects(const RuleInfo& info, bool pss_on) const {
  if (!only.empty()) {
    bool selected = false;
    for (const auto& o : only) {
      if (o == info.id) return !AnyNames(disable, info) || AnyNames(enable, info);
      if (Names(o, info)) selected = true;
    }
    if (!selected) return false;
  }
  if (AnyNames(disable, info)) return false;
  return info.enabled_by_default || (pss_on && info.family == Family::kPss) ||
         AnyNames(enable, info);
}

Severity Config::SeverityOf(const RuleInfo& info) const {
  auto it = severity_overrides.find(info.id);
  return it == severity_overrides.end() ? info.severity : it->second;
}

bool Config::IsSecretName(std::string_view name) const {
  std::string lower(name);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return std::any_of(secret_name_patterns.begin(), secret_name_patterns.end(),
                     [&](const std::string& p) { return GlobMatch(p, lower); });
}

bool Config::IsIgnoredPath(std::string_view path) const {
  for (const std::string& p : ignore_paths) {
    std::string_view rest = path;
    while (true) {
      if (GlobMatch(p, rest)) return true;
      auto slash = rest.find('/');
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
  }
  return false;
}

bool Config::IsSystemNamespace(std::string_view ns) const {
  return std::find(system_namespaces.begin(), system_namespaces.end(), ns) !=
         system_namespaces.end();
}

}  // namespace gori::rules
