// The catalogue of controls (see catalog.h). Titles and notes are gori's own words, not the
// frameworks' text; ids and numbering follow each framework version (docs/compliance.md).
#include "compliance/catalog.h"

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace gori::compliance {
namespace {
// CIS §5 written once in the v1.10 numbering; CisControls() derives each version's controls.
constexpr Control kCis[] = {
    {"", "5.1.1", "Bind cluster-admin only where it is truly needed", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.2", "Keep get, list and watch on Secrets to the few subjects that need them",
     Checkable::kPartly, "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.3", "Avoid wildcards in Roles and ClusterRoles", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.4", "Limit who can create pods", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.5", "Do not run workloads as a namespace's default ServiceAccount", Checkable::kYes,
     "", ""},
    {"", "5.1.6", "Mount ServiceAccount tokens only into pods that call the API", Checkable::kYes,
     "", ""},
    {"", "5.1.7", "Do not use the system:masters group", Checkable::kPartly,
     "bindings in the bundle are seen; client certificates issued for the group are not", ""},
    {"", "5.1.8", "Restrict the bind, impersonate and escalate verbs", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.9", "Limit who can create PersistentVolumes", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.10", "Limit access to the nodes/proxy subresource", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.11", "Limit who can approve certificate signing requests", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.12", "Limit write access to admission webhook configurations", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.1.13", "Limit who can create ServiceAccount tokens", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"", "5.2.1",
     "Enforce an admission policy (Pod Security Admission or a policy engine) in every namespace "
     "with workloads",
     Checkable::kPartly,
     "Namespace labels in the bundle are seen; admission plugins configured on the API server are "
     "not",
     ""},
    {"", "5.2.2", "Keep privileged containers out", Checkable::kYes, "", ""},
    {"", "5.2.3", "Keep containers out of the host PID namespace", Checkable::kYes, "", ""},
    {"", "5.2.4", "Keep containers out of the host IPC namespace", Checkable::kYes, "", ""},
    {"", "5.2.5", "Keep containers out of the host network namespace", Checkable::kYes, "", ""},
    {"", "5.2.6", "Keep containers from allowing privilege escalation", Checkable::kYes, "", ""},
    {"", "5.2.7", "Keep containers from running as root", Checkable::kYes, "", ""},
    {"", "5.2.8", "Keep the NET_RAW capability away from containers", Checkable::kYes, "", ""},
    {"", "5.2.9", "Keep containers from adding Linux capabilities", Checkable::kYes, "", ""},
    {"", "5.2.10", "Have containers drop the capabilities they do not need", Checkable::kYes, "",
     ""},
    {"", "5.2.11", "Keep Windows HostProcess containers out", Checkable::kYes, "", ""},
    {"", "5.2.12", "Keep hostPath volumes out", Checkable::kYes, "", ""},
    {"", "5.2.13", "Keep containers from using hostPort", Checkable::kYes, "", ""},
    {"", "5.3.1", "Use a network plugin that enforces NetworkPolicy", Checkable::kNo,
     "a property of the cluster's network plugin, not of manifests", ""},
    {"", "5.3.2", "Give every namespace NetworkPolicies", Checkable::kYes, "", ""},
    {"", "5.4.1", "Mount Secrets as files rather than environment variables", Checkable::kYes, "",
     ""},
    {"", "5.4.2", "Keep secrets in an external secret store", Checkable::kPartly,
     "only Secrets committed with data in the bundle are seen", ""},
    {"", "5.5.1", "Verify image provenance at admission", Checkable::kPartly,
     "signature-verification policies and registries in the bundle are seen; the API server's "
     "admission configuration is not",
     ""},
    {"", "5.7.1", "Draw administrative boundaries with namespaces", Checkable::kNo,
     "an organisational decision; the evidence report lists each namespace with its classification",
     ""},
    {"", "5.7.2", "Set a seccomp profile (RuntimeDefault or stricter) on pods", Checkable::kYes, "",
     ""},
    {"", "5.7.3", "Apply a security context to pods and containers", Checkable::kYes, "", ""},
    {"", "5.7.4", "Keep workloads out of the default namespace", Checkable::kYes, "", ""},
};
constexpr Control kNsa[] = {
    {"NSA-PS-1", "NSA-PS-1", "Run containers as non-root users (non-root images, rootless engines)",
     Checkable::kYes, "", ""},
    {"NSA-PS-2", "NSA-PS-2", "Run containers with an immutable (read-only) root file system",
     Checkable::kYes, "", ""},
    {"NSA-PS-3", "NSA-PS-3", "Prevent privileged containers", Checkable::kYes, "", ""},
    {"NSA-PS-4", "NSA-PS-4", "Deny sharing the host PID namespace", Checkable::kYes, "", ""},
    {"NSA-PS-5", "NSA-PS-5", "Deny sharing the host IPC namespace", Checkable::kYes, "", ""},
    {"NSA-PS-6", "NSA-PS-6", "Deny sharing the host network namespace", Checkable::kYes, "", ""},
    {"NSA-PS-7", "NSA-PS-7", "Deny host path mounts", Checkable::kYes, "", ""},
    {"NSA-PS-8", "NSA-PS-8",
     "Reject escalation to root (allowPrivilegeEscalation, added capabilities)", Checkable::kYes,
     "", ""},
    {"NSA-PS-9", "NSA-PS-9", "Confine containers with SELinux or AppArmor", Checkable::kYes, "",
     ""},
    {"NSA-PS-10", "NSA-PS-10", "Restrict system calls with seccomp", Checkable::kYes, "", ""},
    {"NSA-PS-11", "NSA-PS-11", "Enforce a minimum pod security level at admission",
     Checkable::kPartly,
     "Namespace labels and policy objects in the bundle are seen; the API server's admission "
     "configuration is not",
     ""},
    {"NSA-PS-12", "NSA-PS-12", "Do not mount ServiceAccount tokens into pods that do not need them",
     Checkable::kYes, "", ""},
    {"NSA-PS-13", "NSA-PS-13",
     "Run only scanned images from trusted sources, verified at admission", Checkable::kPartly,
     "tags, registries and signature policies are seen; scan results are not", ""},
    {"NSA-PS-14", "NSA-PS-14",
     "Isolate workloads further with sandboxed (hypervisor-backed) runtimes", Checkable::kNo,
     "a choice of container runtime configured on the nodes", ""},
    {"NSA-NS-1", "NSA-NS-1", "Separate workloads and teams into namespaces", Checkable::kPartly,
     "namespace use and classification are seen; whether the split matches the organisation is not",
     ""},
    {"NSA-NS-2", "NSA-NS-2",
     "Restrict pod traffic with NetworkPolicies, starting from a default deny", Checkable::kYes, "",
     ""},
    {"NSA-NS-3", "NSA-NS-3",
     "Cap resources per namespace and container (ResourceQuota, LimitRange)", Checkable::kYes, "",
     ""},
    {"NSA-NS-4", "NSA-NS-4", "Harden the control plane (API server access, etcd, kubeconfig files)",
     Checkable::kNo, "control-plane configuration is not in workload manifests", ""},
    {"NSA-NS-5", "NSA-NS-5", "Segment worker nodes from other networks", Checkable::kNo,
     "a property of the network around the cluster", ""},
    {"NSA-NS-6", "NSA-NS-6", "Encrypt traffic in transit and secrets at rest", Checkable::kPartly,
     "Ingress TLS and mesh mTLS are seen; etcd encryption and node-level TLS are not", ""},
    {"NSA-NS-7", "NSA-NS-7",
     "Keep credentials in Secrets, never in manifests, config files or images", Checkable::kPartly,
     "credentials committed in manifests are seen; images and external configuration are not", ""},
    {"NSA-NS-8", "NSA-NS-8",
     "Block pod access to sensitive cloud infrastructure such as the instance metadata service",
     Checkable::kPartly, "NetworkPolicies are seen; cloud-side metadata protections are not", ""},
    {"NSA-AA-1", "NSA-AA-1", "Authenticate every user and disable anonymous access", Checkable::kNo,
     "API server authentication settings are not in manifests", ""},
    {"NSA-AA-2", "NSA-AA-2",
     "Grant least privilege with RBAC roles per user, team and service account", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"NSA-LG-1", "NSA-LG-1", "Enable API server audit logging with an audit policy", Checkable::kNo,
     "API server configuration is not in manifests", ""},
    {"NSA-LG-2", "NSA-LG-2", "Collect worker node and container logs off the node",
     Checkable::kPartly,
     "log-agent DaemonSets, declared pipelines and opt-outs are seen; delivery and retention are "
     "not",
     ""},
    {"NSA-LG-3", "NSA-LG-3", "Record system calls with seccomp in audit mode", Checkable::kNo,
     "the content of seccomp profiles on the nodes is not visible", ""},
    {"NSA-LG-4", "NSA-LG-4", "Forward node and service logs to syslog", Checkable::kNo,
     "node configuration is not in manifests", ""},
    {"NSA-LG-5", "NSA-LG-5", "Aggregate logs in a SIEM for correlation and alerting",
     Checkable::kNo, "a property of the logging backend", ""},
    {"NSA-LG-6", "NSA-LG-6",
     "Use a service mesh for encrypted, observable service-to-service traffic", Checkable::kPartly,
     "mesh mTLS policies are seen; mesh telemetry settings are not", ""},
    {"NSA-LG-7", "NSA-LG-7", "Keep logging working through node and pod failures", Checkable::kNo,
     "a property of the logging backend", ""},
    {"NSA-LG-8", "NSA-LG-8", "Alert on suspicious activity", Checkable::kNo,
     "a property of monitoring outside the manifests", ""},
    {"NSA-LG-9", "NSA-LG-9", "Run threat-detection tooling", Checkable::kNo,
     "runtime tooling is not judged from manifests", ""},
};

constexpr Control kPci[] = {
    {"PCI-DSS-4.0 1.3.1", "1.3.1",
     "Allow only necessary inbound traffic to the cardholder data environment; deny the rest",
     Checkable::kYes, "", ""},
    {"PCI-DSS-4.0 1.3.2", "1.3.2",
     "Allow only necessary outbound traffic from the cardholder data environment; deny the rest",
     Checkable::kYes, "", ""},
    {"PCI-DSS-4.0 1.4.2", "1.4.2",
     "Admit traffic from untrusted networks only to components meant to be public",
     Checkable::kPartly,
     "Services, Ingresses and routes are seen; cloud firewalls and load balancer rules are not",
     ""},
    {"PCI-DSS-4.0 1.4.4", "1.4.4",
     "Keep systems that store cardholder data unreachable from untrusted networks",
     Checkable::kPartly,
     "data stores in DMZ namespaces are seen; network paths outside the cluster are not", ""},
    {"PCI-DSS-4.0 2.2.1", "2.2.1",
     "Define, apply and keep up to date configuration standards for system components",
     Checkable::kPartly,
     "enforcement of a pod security standard is seen; the written standard is not", ""},
    {"PCI-DSS-4.0 2.2.4", "2.2.4",
     "Enable only the services, protocols, daemons and functions a component needs; remove or "
     "disable the rest",
     Checkable::kYes, "", ""},
    {"PCI-DSS-4.0 2.2.6", "2.2.6", "Configure system security parameters to prevent misuse",
     Checkable::kYes, "", ""},
    {"PCI-DSS-4.0 4.2.1", "4.2.1",
     "Protect PAN with strong cryptography when it crosses open, public networks",
     Checkable::kPartly,
     "TLS on Ingresses and Gateways is seen; which traffic carries PAN, protocol versions, ciphers "
     "and certificates are not",
     ""},
    {"PCI-DSS-4.0 6.3.2", "6.3.2",
     "Keep an inventory of bespoke software and its third-party components, for vulnerability "
     "and patch management",
     Checkable::kNo,
     "the inventory (software bills of materials) lives outside manifests; image references say "
     "nothing about components",
     ""},
    {"PCI-DSS-4.0 6.3.3", "6.3.3", "Patch known vulnerabilities in time", Checkable::kNo,
     "needs image vulnerability scanning, not manifest checks", ""},
    {"PCI-DSS-4.0 6.5.3", "6.5.3", "Separate pre-production from production environments",
     Checkable::kNo,
     "a property of clusters, accounts and networks; the evidence report shows each namespace's "
     "env label",
     ""},
    {"PCI-DSS-4.0 7.2.2", "7.2.2", "Grant access by job function with the least privileges needed",
     Checkable::kPartly, "only RBAC objects in the checked bundle are seen", ""},
    {"PCI-DSS-4.0 7.2.5", "7.2.5", "Give application and system accounts only the access they need",
     Checkable::kPartly, "only RBAC objects in the checked bundle are seen", ""},
    {"PCI-DSS-4.0 7.3.3", "7.3.3", "Set access control systems to deny by default",
     Checkable::kPartly, "only RBAC objects in the checked bundle are seen", ""},
    {"PCI-DSS-4.0 8.3.2", "8.3.2",
     "Make authentication factors unreadable with strong cryptography in transit and at rest",
     Checkable::kNo,
     "how the systems that authenticate users store and send factors is not in manifests; mesh "
     "mTLS between workloads is not that",
     ""},
    {"PCI-DSS-4.0 8.6.2", "8.6.2",
     "Do not hard-code passwords of application or system accounts that can be used for "
     "interactive login in scripts, configuration or code",
     Checkable::kNo,
     "whether a credential in a manifest belongs to an account usable for interactive login is "
     "not visible; credentials in manifests are reported under NSA-NS-7",
     ""},
    {"PCI-DSS-4.0 10.2.1", "10.2.1", "Enable audit logs for all system components", Checkable::kNo,
     "audit logging is configured on the API server, nodes and applications; collecting "
     "container logs is not an audit log",
     ""},
    {"PCI-DSS-4.0 10.3.3", "10.3.3",
     "Back audit logs up promptly to central, hard-to-modify storage", Checkable::kNo,
     "a property of the audit log pipeline and its storage", ""},
    {"PCI-DSS-4.0 10.5.1", "10.5.1",
     "Keep audit logs for at least 12 months, 3 of them immediately available", Checkable::kNo,
     "retention is configured in the log backend", ""},
    {"PCI-DSS-4.0 12.5.2", "12.5.2",
     "Document the PCI DSS scope and confirm it at least every 12 months", Checkable::kPartly,
     "namespace classification labels are seen; the scoping exercise is not", ""},
};

// 전자금융감독규정 at paragraph (항) and item (호) level; only the items manifests relate to.
constexpr Control kEfsr[] = {
    {"KR-EFSR 제14조의2제8항", "제14조의2제8항",
     "Cloud use: process personal credit information and unique identifiers only on cloud "
     "systems located in Korea",
     Checkable::kPartly,
     "pod placement by region is seen; where the provider's systems are, the assessment and the "
     "reporting are not",
     ""},
    {"KR-EFSR 제15조제1항제3호", "제15조제1항제3호",
     "Network separation: cut internal business systems off from external networks such as the "
     "internet",
     Checkable::kPartly,
     "logical separation in the cluster (NetworkPolicies, exposure) is approximated; physical "
     "separation cannot be checked",
     ""},
    {"KR-EFSR 제17조제1항제1호", "제17조제1항제1호",
     "Public web servers: put them in a DMZ apart from the internal network, behind network and "
     "web access control",
     Checkable::kPartly,
     "namespace zones and exposure are seen; the network design around the cluster is not", ""},
    {"KR-EFSR 제17조제1항제4호", "제17조제1항제4호",
     "Keep user information and other important data out of the DMZ (encrypted transaction logs "
     "excepted)",
     Checkable::kPartly,
     "data stores in DMZ namespaces are seen; what other workloads keep there is not", ""},
    {"KR-EFSR 제18조제4호", "제18조제4호",
     "IP address management: separate networks by role (operations, development, external "
     "staff); the only item of 제18조 gori relates to",
     Checkable::kNo, "a network design matter; the evidence report shows each namespace's zone",
     ""},
};

constexpr Control kIsms[] = {
    {"ISMS-P 1.2.1", "1.2.1", "Identify and classify information assets", Checkable::kPartly,
     "namespace classification labels are seen; the asset inventory is not", ""},
    {"ISMS-P 2.5.1", "2.5.1", "Manage user and service accounts", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"ISMS-P 2.5.5", "2.5.5", "Control special (privileged) accounts and permissions",
     Checkable::kPartly, "only RBAC objects in the checked bundle are seen", ""},
    {"ISMS-P 2.5.6", "2.5.6", "Review access rights periodically", Checkable::kNo,
     "a periodic process", ""},
    {"ISMS-P 2.6.1", "2.6.1", "Control network access (segmentation, allowed flows)",
     Checkable::kYes, "", ""},
    {"ISMS-P 2.6.2", "2.6.2", "Control access to information systems", Checkable::kPartly,
     "only RBAC objects in the checked bundle are seen", ""},
    {"ISMS-P 2.6.7", "2.6.7", "Control internet access from important systems", Checkable::kYes, "",
     ""},
    {"ISMS-P 2.7.1", "2.7.1", "Apply an encryption policy to data in storage and transit",
     Checkable::kPartly, "Ingress TLS and mesh mTLS are seen; storage encryption is not", ""},
    {"ISMS-P 2.7.2", "2.7.2",
     "Manage cryptographic keys through their life: generation, use, storage, distribution, "
     "destruction",
     Checkable::kPartly,
     "keys and other credentials written into manifests are seen (hard-coding a key breaks key "
     "management); key management procedures and systems are not",
     ""},
    {"ISMS-P 2.8.3", "2.8.3", "Separate test and production environments", Checkable::kNo,
     "a property of clusters, accounts and networks; the evidence report shows each namespace's "
     "env label",
     ""},
    {"ISMS-P 2.8.6", "2.8.6", "Control the release of software into production", Checkable::kPartly,
     "image pinning, registries and signature policies are seen; the release process is not", ""},
    {"ISMS-P 2.9.4", "2.9.4", "Keep logs and access records", Checkable::kPartly,
     "log collection is seen; retention is not", ""},
    {"ISMS-P 2.10.1", "2.10.1", "Operate security systems (policies kept current and enforced)",
     Checkable::kPartly, "admission enforcement labels are seen", ""},
    {"ISMS-P 2.10.3", "2.10.3", "Protect public-facing servers (separated, hardened)",
     Checkable::kPartly, "exposure and DMZ placement are seen", ""},
    {"ISMS-P 2.10.5", "2.10.5", "Protect information in transfer", Checkable::kPartly,
     "Ingress TLS is seen; transfers to other organisations are not", ""},
    {"ISMS-P 2.10.8", "2.10.8", "Manage patches", Checkable::kNo,
     "needs image vulnerability scanning, not manifest checks", ""},
};

constexpr Control kPss[] = {
    {"PSS windowsHostProcess", "windowsHostProcess", "No Windows HostProcess containers",
     Checkable::kYes, "", "baseline"},
    {"PSS hostNamespaces", "hostNamespaces", "No sharing of host network, PID or IPC namespaces",
     Checkable::kYes, "", "baseline"},
    {"PSS privileged", "privileged", "No privileged containers", Checkable::kYes, "", "baseline"},
    {"PSS capabilities_baseline", "capabilities_baseline",
     "Add only capabilities from the baseline allow-list", Checkable::kYes, "", "baseline"},
    {"PSS hostPathVolumes", "hostPathVolumes", "No hostPath volumes", Checkable::kYes, "",
     "baseline"},
    {"PSS hostPorts", "hostPorts", "No host ports", Checkable::kYes, "", "baseline"},
    {"PSS appArmorProfile", "appArmorProfile", "No unconfined or custom-typeless AppArmor profiles",
     Checkable::kYes, "", "baseline"},
    {"PSS seLinuxOptions", "seLinuxOptions", "No custom SELinux types, users or roles",
     Checkable::kYes, "", "baseline"},
    {"PSS procMount", "procMount", "Default /proc mount only", Checkable::kYes, "", "baseline"},
    {"PSS seccompProfile_baseline", "seccompProfile_baseline", "No Unconfined seccomp profile",
     Checkable::kYes, "", "baseline"},
    {"PSS sysctls", "sysctls", "Only sysctls from the safe set", Checkable::kYes, "", "baseline"},
    {"PSS hostProbesAndHostLifecycle", "hostProbesAndHostLifecycle",
     "No host field in probes and lifecycle handlers", Checkable::kYes, "", "baseline"},
    {"PSS restrictedVolumes", "restrictedVolumes", "Only the allowed volume types", Checkable::kYes,
     "", "restricted"},
    {"PSS allowPrivilegeEscalation", "allowPrivilegeEscalation",
     "allowPrivilegeEscalation must be false", Checkable::kYes, "", "restricted"},
    {"PSS runAsNonRoot", "runAsNonRoot", "Containers must run as non-root", Checkable::kYes, "",
     "restricted"},
    {"PSS runAsUser", "runAsUser", "runAsUser must not be 0", Checkable::kYes, "", "restricted"},
    {"PSS seccompProfile_restricted", "seccompProfile_restricted",
     "A RuntimeDefault or Localhost seccomp profile is required", Checkable::kYes, "",
     "restricted"},
    {"PSS capabilities_restricted", "capabilities_restricted",
     "Drop ALL capabilities; add at most NET_BIND_SERVICE", Checkable::kYes, "", "restricted"},
    {"PSS procMount_restricted", "procMount_restricted",
     "Default /proc mount only, also with user namespaces", Checkable::kYes, "", "restricted"},
};

// The controls of kCis in one benchmark version's numbering (CisId), with their keys.
std::span<const Control> CisControls(std::string_view version) {
  struct Table {
    std::deque<std::string> text;  // stable storage for keys and ids
    std::vector<Control> controls;
  };
  static const auto kTables = [] {
    std::map<std::string_view, Table> tables;
    for (std::string_view v : {"1.10", "1.11", "1.12"}) {
      Table& t = tables[v];
      for (const Control& c : kCis) {
        std::string id = CisId(v, c.id);
        if (id.empty()) continue;
        Control out = c;
        out.id = t.text.emplace_back(id);
        out.key = t.text.emplace_back("CIS-" + std::string(v) + " " + id);
        t.controls.push_back(out);
      }
    }
    return tables;
  }();
  return kTables.at(version).controls;
}

const std::vector<Framework>& AllFrameworks() {
  static const std::vector<Framework> kFrameworks = {
      {"pss", "Pod Security Standards", "v1.0-latest (policy version as evaluated)",
       "baseline and restricted levels", "PSS", kPss},
      {"cis-1.10", "CIS Kubernetes Benchmark", "v1.10", "§5 Policies", "CIS-1.10",
       CisControls("1.10")},
      {"cis-1.11", "CIS Kubernetes Benchmark", "v1.11", "§5 Policies", "CIS-1.11",
       CisControls("1.11")},
      {"cis-1.12", "CIS Kubernetes Benchmark", "v1.12", "§5 Policies", "CIS-1.12",
       CisControls("1.12")},
      {"nsa-1.2", "NSA/CISA Kubernetes Hardening Guidance", "v1.2 (August 2022)",
       "pod security, network separation, authentication and authorization, logging", "NSA", kNsa},
      {"pci-dss-4.0", "PCI DSS", "v4.0", "requirements a Kubernetes manifest relates to",
       "PCI-DSS-4.0", kPci},
      {"kr-efsr", "전자금융감독규정 (Electronic Financial Supervisory Regulation)",
       "금융위원회고시 제2025-4호 (effective 2025-02-05)",
       "제14조의2제8항, 제15조제1항제3호, 제17조제1항제1호·제4호, 제18조제4호", "KR-EFSR", kEfsr},
      {"isms-p", "ISMS-P certification criteria",
       "as annexed to the certification notice 제2024-8호 (2024-07-24)",
       "protection requirements a Kubernetes manifest relates to", "ISMS-P", kIsms},
  };
  return kFrameworks;
}

}  // namespace

std::span<const Framework> Frameworks() { return AllFrameworks(); }

}  // namespace gori::compliance
