// src/compliance/evidence.h
//
// The evidence report (`gori check --format evidence`): per namespace, what a reviewer of a
// cloud-use or security-committee submission asks for - classification, Pod Security
// enforcement, exposure (Ingress hosts, load balancers, node ports, routes, gateway listeners),
// default-deny posture per direction, mesh mTLS mode, region pinning, registries in use,
// findings grouped by the controls they map to, and compliance exemptions with their
// justifications. Cluster-scoped objects get a section of their own; system namespaces are
// listed as skipped.
//
// Frameworks: those of the selected profiles, or every framework when none is selected.
// Everything is derived from the checked manifests only and says so; the wording is "maps to",
// never "compliant". Output is deterministic (namespaces by name, findings in report order).
// BuildEvidence keeps pointers into the objects and findings, which must outlive it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "compliance/catalog.h"
#include "compliance/profile.h"
#include "compliance/summary.h"
#include "k8s/object.h"
#include "rules/compliance/lib/analyses.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::compliance {

using rules::ExemptionRecord;

struct IngressHostEvidence {
  std::string_view ingress;
  std::string_view host;  // "" = every host
  bool tls = false;
};
struct LoadBalancerEvidence {
  std::string_view service;
  std::string_view internal_annotation;  // "" = public
  std::vector<std::string_view> source_ranges;
};
struct NodePortEvidence {
  std::string_view service;
  int64_t node_port = 0;  // 0 = allocated by the API server
};
struct RouteEvidence {
  std::string_view kind;  // "HTTPRoute"
  std::string_view name;
  std::vector<std::string_view> hostnames;  // empty = every hostname of its parents
};
struct ListenerEvidence {
  std::string_view gateway;
  std::string_view name;
  std::string_view protocol;
  std::string_view hostname;
  int64_t port = 0;
};
struct WorkloadRegion {
  const k8s::Object* workload = nullptr;
  bool pinned = false;
  std::vector<std::string> regions;
  std::string via;
};
struct RegistryUse {
  std::string registry;             // "docker.io", "registry.example.kr"
  std::vector<std::string> images;  // as written, sorted, unique
};
struct ControlFindings {
  ControlRef control;
  std::vector<const rules::Finding*> findings;  // unsuppressed
  std::vector<const ExemptionRecord*> exempted;
};

struct NamespaceEvidence {
  std::string name;  // "" for the cluster-scoped section
  rules::Classification classification;
  std::string_view pss_enforce;
  std::string_view pss_enforce_version;
  std::vector<const k8s::Object*> workloads;
  std::vector<IngressHostEvidence> ingress_hosts;
  std::vector<LoadBalancerEvidence> load_balancers;
  std::vector<NodePortEvidence> node_ports;
  std::vector<RouteEvidence> routes;
  std::vector<ListenerEvidence> listeners;
  std::size_t network_policies = 0;
  const k8s::Object* deny_ingress = nullptr;
  const k8s::Object* deny_egress = nullptr;
  rules::NamespaceMtls mtls;
  std::vector<WorkloadRegion> regions;
  std::vector<RegistryUse> registries;
  std::vector<ControlFindings> by_control;        // catalogue order
  std::vector<const rules::Finding*> unmapped;    // unsuppressed, no selected control
  std::vector<const rules::Finding*> suppressed;  // suppressed by other means, with reason
  std::vector<const ExemptionRecord*> exemptions;
  std::vector<const ExemptionRecord*> ignored_exemptions;
  std::size_t open_findings = 0;
};

struct Evidence {
  std::vector<const Profile*> profiles;
  std::vector<const Framework*> frameworks;  // the frameworks findings are grouped by
  std::vector<ProfileSummary> summaries;
  std::vector<NamespaceEvidence> namespaces;  // by name
  NamespaceEvidence cluster;                  // cluster-scoped objects and document findings
  std::vector<std::string> skipped_system_namespaces;
  std::size_t files = 0;
  std::size_t objects = 0;
};

Evidence BuildEvidence(std::span<const k8s::Object> objects, const rules::Config& config,
                       std::span<const rules::Finding> findings,
                       const rules::ExemptionResult& exemptions,
                       std::span<const Profile* const> profiles,
                       std::vector<ProfileSummary> summaries, std::size_t files);

// The JSON document (2-space indent, trailing newline). `version` is gori's version.
void WriteEvidenceJson(const Evidence& evidence, std::string_view version, std::string& out);
// Self-contained HTML pages (inline CSS, no scripts, no external fetches).
void WriteEvidenceIndexHtml(const Evidence& evidence, std::string_view version, std::string& out);
void WriteEvidenceNamespaceHtml(const Evidence& evidence, const NamespaceEvidence& ns,
                                std::string_view version, std::string& out);
// File name of a namespace page: "ns-<name>.html" ("cluster.html" for the cluster section).
std::string NamespacePageName(const NamespaceEvidence& ns);

// Writes evidence.json, index.html and one page per namespace into `dir` (created if missing).
Status WriteEvidenceFiles(const Evidence& evidence, std::string_view version,
                          const std::string& dir);

}  // namespace gori::compliance
