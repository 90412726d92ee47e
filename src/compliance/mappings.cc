#include "compliance/mappings.h"

#include <algorithm>
#include <array>

namespace gori::compliance {
namespace {

struct Entry {
  std::string_view rule;
  // Control keys; "CIS x.y.z" means the CIS control numbered x.y.z in v1.10, in every version.
  std::vector<std::string_view> keys;
};

// Every built-in rule's mappings, and the only place they are written (PSS rules map by name).
// Mappings left out on purpose, and why, are listed in docs/compliance.md ("Mappings gori does
// not make").
const std::vector<Entry>& Table() {
  static const std::vector<Entry> kTable = {
      // Security: workload hardening. PCI 2.2.4 (only necessary services, protocols, daemons and
      // functions) for settings that switch a host facility or a function on; 2.2.6 (security
      // parameters) for the rest.
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
      {"sec-host-port", {"CIS 5.2.13", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 2.2.4"}},
      {"sec-unmasked-proc-mount", {"CIS 5.7.3", "PCI-DSS-4.0 2.2.6"}},
      {"sec-unsafe-sysctls", {"CIS 5.7.3", "PCI-DSS-4.0 2.2.6"}},
      {"sec-seccomp", {"CIS 5.7.2", "NSA-PS-10", "PCI-DSS-4.0 2.2.6"}},
      {"sec-apparmor-unconfined", {"CIS 5.7.3", "NSA-PS-9", "PCI-DSS-4.0 2.2.6"}},
      {"sec-selinux-custom", {"CIS 5.7.3", "NSA-PS-9", "PCI-DSS-4.0 2.2.6"}},
      {"sec-windows-host-process", {"CIS 5.2.11", "PCI-DSS-4.0 2.2.4"}},
      {"sec-sa-token-automount",
       {"CIS 5.1.6", "NSA-PS-12", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5"}},
      {"sec-default-service-account",
       {"CIS 5.1.5", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.1"}},
      {"sec-literal-secret-env", {"NSA-NS-7", "ISMS-P 2.7.2"}},
      {"sec-sensitive-configmap", {"NSA-NS-7", "ISMS-P 2.7.2"}},
      {"sec-secret-in-env", {"CIS 5.4.1"}},
      {"sec-ssh-port", {"PCI-DSS-4.0 2.2.4"}},
      // RBAC.
      {"rbac-cluster-admin-binding",
       {"CIS 5.1.1", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "ISMS-P 2.5.5"}},
      {"rbac-wildcard",
       {"CIS 5.1.3", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.3.3", "ISMS-P 2.5.5"}},
      {"rbac-secrets-read",
       {"CIS 5.1.2", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.5"}},
      {"rbac-create-pods", {"CIS 5.1.4", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-exec-attach", {"NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.6.2"}},
      {"rbac-binding-exec-attach",
       {"NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.6.2"}},
      {"rbac-escalation-verbs",
       {"CIS 5.1.8", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.5"}},
      {"rbac-token-create", {"CIS 5.1.13", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-node-proxy",
       {"CIS 5.1.10", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.6.2"}},
      {"rbac-csr-approval", {"CIS 5.1.11", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-webhook-config-write",
       {"CIS 5.1.12", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-pv-create", {"CIS 5.1.9", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5"}},
      {"rbac-broad-subjects",
       {"NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.3.3", "ISMS-P 2.5.5"}},
      {"rbac-default-sa-binding",
       {"CIS 5.1.5", "NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.2.5", "ISMS-P 2.5.1"}},
      // Network.
      {"net-no-network-policy", {"CIS 5.3.2", "NSA-NS-2", "PCI-DSS-4.0 1.3.1", "ISMS-P 2.6.1"}},
      {"net-ingress-tls", {"NSA-NS-6", "PCI-DSS-4.0 4.2.1", "ISMS-P 2.7.1"}},
      {"net-exposed-service", {"PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.2"}},
      {"net-external-ips", {"PCI-DSS-4.0 1.3.1"}},
      // Supply chain: pinning and registries bear on release control, not on the software
      // inventory of PCI 6.3.2 nor on admission-time provenance (CIS 5.5.1).
      {"sup-latest-tag", {"NSA-PS-13", "ISMS-P 2.8.6"}},
      {"sup-digest", {"NSA-PS-13", "ISMS-P 2.8.6"}},
      {"sup-registry", {"NSA-PS-13", "ISMS-P 2.8.6"}},
      // Resources.
      {"res-namespace-quota", {"NSA-NS-3"}},
      {"res-memory-limit", {"NSA-NS-3"}},
      {"res-cpu-limit", {"NSA-NS-3"}},
      // Metadata.
      {"meta-default-namespace", {"CIS 5.7.4", "NSA-NS-1"}},
      // Compliance rules.
      {"cmp-pss-enforce-label", {"CIS 5.2.1", "NSA-PS-11", "PCI-DSS-4.0 2.2.1", "ISMS-P 2.10.1"}},
      {"cmp-default-deny-ingress",
       {"CIS 5.3.2", "NSA-NS-2", "PCI-DSS-4.0 1.3.1", "KR-EFSR 제15조제1항제3호", "ISMS-P 2.6.1"}},
      {"cmp-default-deny-egress",
       {"CIS 5.3.2", "NSA-NS-2", "PCI-DSS-4.0 1.3.2", "KR-EFSR 제15조제1항제3호", "ISMS-P 2.6.7"}},
      {"cmp-netpol-allow-all",
       {"NSA-NS-2", "PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.3.2", "ISMS-P 2.6.1"}},
      {"cmp-netpol-metadata", {"NSA-NS-2", "NSA-NS-8", "PCI-DSS-4.0 1.3.2"}},
      {"cmp-ns-classification", {"NSA-NS-1", "PCI-DSS-4.0 12.5.2", "ISMS-P 1.2.1"}},
      {"cmp-public-exposure",
       {"PCI-DSS-4.0 1.3.1", "PCI-DSS-4.0 1.4.2", "KR-EFSR 제15조제1항제3호",
        "KR-EFSR 제17조제1항제1호", "ISMS-P 2.10.3"}},
      {"cmp-dmz-data-store", {"PCI-DSS-4.0 1.4.4", "KR-EFSR 제17조제1항제4호", "ISMS-P 2.10.3"}},
      {"cmp-plaintext-secret", {"CIS 5.4.2", "NSA-NS-7", "ISMS-P 2.7.2"}},
      {"cmp-ingress-tls", {"NSA-NS-6", "PCI-DSS-4.0 4.2.1", "ISMS-P 2.7.1", "ISMS-P 2.10.5"}},
      {"cmp-mesh-mtls", {"NSA-NS-6", "NSA-LG-6", "ISMS-P 2.7.1"}},
      {"cmp-image-signature-policy", {"CIS 5.5.1", "NSA-PS-13", "ISMS-P 2.8.6"}},
      {"cmp-log-collection", {"NSA-LG-2", "ISMS-P 2.9.4"}},
      {"cmp-data-residency", {"KR-EFSR 제14조의2제8항"}},
      {"cmp-namespace-quota", {"NSA-NS-3"}},
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

void AddKey(std::string_view key, RuleMappings& m) {
  // A key the catalogue lacks is a bug in the table; mappings_test fails on it.
  if (auto ref = FindControl(key)) m.controls.push_back(*ref);
}

}  // namespace

std::string CisKey(std::string_view version, std::string_view id) {
  std::string translated = CisId(version, id);
  if (translated.empty()) return {};
  return "CIS-" + std::string(version) + " " + translated;
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
  for (const std::string& key : TableKeys(rule_id)) AddKey(key, m);
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
  keys.reserve(m.controls.size());
  for (const ControlRef& c : m.controls) keys.push_back(c.control->key);
  return keys;
}

}  // namespace gori::compliance
