#include "compliance/mappings.h"

#include <algorithm>
#include <array>

#include "rules/registry.h"

namespace gori::compliance {
namespace {

struct Entry {
  std::string_view rule;
  // Control keys; "CIS x.y.z" means the CIS control numbered x.y.z in v1.10, in every version.
  std::vector<std::string_view> keys;
};

// The built-in catalogue (shared RULES.md). Compliance rules (cmp-*) carry their mappings in
// their RuleInfo; PSS rules map by name.
const std::vector<Entry>& Table() {
  static const std::vector<Entry> kTable = {
      // Security: workload hardening.
      {"sec-privileged", {"CIS 5.2.2", "NSA-PS-3", "PCI-DSS-4.0 2.2.4"}},
      {"sec-privilege-escalation", {"CIS 5.2.6", "NSA-PS-8", "PCI-DSS-4.0 2.2.6"}},
      {"sec-run-as-root", {"CIS 5.2.7", "NSA-PS-1", "PCI-DSS-4.0 2.2.6"}},
      {"sec-root-group", {"CIS 5.7.3", "NSA-PS-1", "PCI-DSS-4.0 2.2.6"}},
      {"sec-low-uid", {"NSA-PS-1"}},
      {"sec-writable-root-fs", {"CIS 5.7.3", "NSA-PS-2", "PCI-DSS-4.0 2.2.6"}},
      {"sec-capabilities-not-dropped",
       {"CIS 5.2.8", "CIS 5.2.10", "NSA-PS-8", "PCI-DSS-4.0 2.2.4"}},
      {"sec-dangerous-capabilities",
       {"CIS 5.2.8", "CIS 5.2.9", "CIS 5.2.10", "NSA-PS-8", "PCI-DSS-4.0 2.2.4"}},
      {"sec-host-network", {"CIS 5.2.5", "NSA-PS-6", "PCI-DSS-4.0 2.2.4"}},
      {"sec-host-pid", {"CIS 5.2.3", "NSA-PS-4", "PCI-DSS-4.0 2.2.4"}},
      {"sec-host-ipc", {"CIS 5.2.4", "NSA-PS-5", "PCI-DSS-4.0 2.2.4"}},
      {"sec-host-path", {"CIS 5.2.12", "NSA-PS-7", "PCI-DSS-4.0 2.2.4"}},
      {"sec-sensitive-host-path", {"CIS 5.2.12", "NSA-PS-7", "PCI-DSS-4.0 2.2.4"}},
      {"sec-runtime-socket", {"CIS 5.2.12", "NSA-PS-7", "PCI-DSS-4.0 2.2.4"}},
      {"sec-writable-host-path", {"CIS 5.2.12", "NSA-PS-7", "PCI-DSS-4.0 2.2.6"}},
      {"sec-host-port", {"CIS 5.2.13", "PCI-DSS-4.0 2.2.4"}},
      {"sec-unmasked-proc-mount", {"CIS 5.7.3", "PCI-DSS-4.0 2.2.6"}},
      {"sec-unsafe-sysctls", {"CIS 5.7.3", "PCI-DSS-4.0 2.2.6"}},
      {"sec-seccomp", {"CIS 5.7.2", "NSA-PS-10", "PCI-DSS-4.0 2.2.6"}},
      {"sec-apparmor-unconfined", {"CIS 5.7.3", "NSA-PS-9", "PCI-DSS-4.0 2.2.6"}},
      {"sec-selinux-custom", {"CIS 5.7.3", "NSA-PS-9", "PCI-DSS-4.0 2.2.6"}},
      {"sec-windows-host-process", {"CIS 5.2.11", "NSA-PS-3", "PCI-DSS-4.0 2.2.4"}},
      {"sec-sa-token-automount", {"CIS 5.1.6", "NSA-PS-12", "PCI-DSS-4.0 7.2.5"}},
      {"sec-default-service-account", {"CIS 5.1.5", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.1"}},
      {"sec-literal-secret-env", {"NSA-NS-7", "PCI-DSS-4.0 8.6.2", "ISMS-P 2.7.2"}},
      {"sec-sensitive-configmap", {"NSA-NS-7", "PCI-DSS-4.0 8.6.2", "ISMS-P 2.7.2"}},
      {"sec-secret-in-env", {"CIS 5.4.1"}},
      {"sec-ssh-port", {"PCI-DSS-4.0 2.2.4"}},
      // RBAC.
      {"rbac-cluster-admin-binding",
       {"CIS 5.1.1", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "ISMS-P 2.5.5"}},
      {"rbac-wildcard", {"CIS 5.1.3", "NSA-AA-2", "PCI-DSS-4.0 7.3.3", "ISMS-P 2.5.5"}},
      {"rbac-secrets-read", {"CIS 5.1.2", "NSA-AA-2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.5"}},
      {"rbac-create-pods", {"CIS 5.1.4", "NSA-AA-2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-exec-attach", {"NSA-AA-2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.6.2"}},
      {"rbac-escalation-verbs", {"CIS 5.1.8", "NSA-AA-2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.5"}},
      {"rbac-token-create", {"CIS 5.1.13", "NSA-AA-2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-node-proxy", {"CIS 5.1.10", "NSA-AA-2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.6.2"}},
      {"rbac-csr-approval", {"CIS 5.1.11", "NSA-AA-2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-webhook-config-write", {"CIS 5.1.12", "NSA-AA-2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-pv-create", {"CIS 5.1.9", "NSA-AA-2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-broad-subjects",
       {"CIS 5.1.7", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.3.3", "ISMS-P 2.5.5"}},
      {"rbac-default-sa-binding", {"CIS 5.1.5", "NSA-AA-2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.1"}},
      // Network.
      {"net-no-network-policy", {"CIS 5.3.2", "NSA-NS-2", "PCI-DSS-4.0 1.3.1", "ISMS-P 2.6.1"}},
      {"net-ingress-tls", {"NSA-NS-6", "PCI-DSS-4.0 4.2.1", "ISMS-P 2.7.1"}},
      {"net-exposed-service", {"PCI-DSS-4.0 1.4.2"}},
      // Supply chain.
      {"sup-latest-tag", {"NSA-PS-13", "PCI-DSS-4.0 6.3.2", "ISMS-P 2.8.6"}},
      {"sup-digest", {"CIS 5.5.1", "NSA-PS-13", "PCI-DSS-4.0 6.3.2", "ISMS-P 2.8.6"}},
      {"sup-registry",
       {"CIS 5.5.1", "NSA-PS-13", "PCI-DSS-4.0 6.3.2", "KR-EFSR 제15조", "ISMS-P 2.8.6"}},
      // Resources.
      {"res-namespace-quota", {"NSA-NS-3"}},
      {"res-memory-limit", {"NSA-NS-3"}},
      {"res-cpu-limit", {"NSA-NS-3"}},
      // Metadata.
      {"meta-default-namespace", {"CIS 5.7.4", "NSA-NS-1"}},
  };
  return kTable;
}

const Entry* FindEntry(std::string_view rule_id) {
  for (const Entry& e : Table()) {
    if (e.rule == rule_id) return &e;
  }
  return nullptr;
}

// "capabilities_baseline" and "pss-capabilities-baseline" both become "capabilitiesbaseline".
std::string Normalize(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '-' || c == '_') continue;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

void AddKey(std::string_view key, RuleMappings& m, bool from_rule) {
  if (auto ref = FindControl(key)) {
    m.controls.push_back(*ref);
  } else if (from_rule) {
    m.unknown.push_back(key);
  }
}

}  // namespace

std::string CisKey(std::string_view version, std::string_view id) {
  std::string out(id);
  if (version != "1.10") {
    if (id.starts_with("5.7.")) out = "5.6." + std::string(id.substr(4));
  }
  if (version == "1.12" && id.starts_with("5.2.")) {
    int n = std::stoi(std::string(id.substr(4)));
    if (n == 9) return {};
    if (n >= 10) out = "5.2." + std::to_string(n - 1);
  }
  return "CIS-" + std::string(version) + " " + out;
}

std::vector<std::string> TableKeys(std::string_view rule_id) {
  std::vector<std::string> keys;
  const Entry* e = FindEntry(rule_id);
  if (!e) return keys;
  for (std::string_view k : e->keys) {
    if (k.starts_with("CIS ")) {
      for (std::string_view v : {"1.10", "1.11", "1.12"}) {
        std::string key = CisKey(v, k.substr(4));
        if (!key.empty()) keys.push_back(std::move(key));
      }
    } else {
      keys.emplace_back(k);
    }
  }
  return keys;
}

std::vector<std::string_view> MappedRuleIds() {
  std::vector<std::string_view> ids;
  for (const Entry& e : Table()) ids.push_back(e.rule);
  std::sort(ids.begin(), ids.end());
  return ids;
}

RuleMappings MappingsFor(std::string_view rule_id) {
  RuleMappings m;
  if (const rules::Rule* r = rules::FindRule(rule_id)) {
    for (std::string_view key : r->Info().mappings) AddKey(key, m, /*from_rule=*/true);
  }
  for (const std::string& key : TableKeys(rule_id)) AddKey(key, m, /*from_rule=*/false);
  if (rule_id.starts_with("pss-")) {
    std::string name = Normalize(rule_id.substr(4));
    const Framework* pss = FindFramework("pss");
    for (const Control& c : pss->controls) {
      if (Normalize(c.id) == name) m.controls.push_back({pss, &c});
    }
  }
  std::sort(m.controls.begin(), m.controls.end(), CatalogueLess);
  m.controls.erase(std::unique(m.controls.begin(), m.controls.end()), m.controls.end());
  return m;
}

std::vector<std::string_view> MappingKeysFor(std::string_view rule_id) {
  RuleMappings m = MappingsFor(rule_id);
  std::vector<std::string_view> keys;
  keys.reserve(m.controls.size() + m.unknown.size());
  for (const ControlRef& c : m.controls) keys.push_back(c.control->key);
  for (std::string_view u : m.unknown) keys.push_back(u);
  return keys;
}

}  // namespace gori::compliance
