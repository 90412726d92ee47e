// src/rules/compliance/lib/exposure.h
//
// How a namespace is reachable from outside the cluster, as its manifests say: Services of type
// LoadBalancer (public unless a cloud provider's internal-load-balancer annotation says
// otherwise) and NodePort, Ingress hosts with their TLS coverage, Gateway API HTTPRoute
// hostnames. Internal-LB annotations recognised: AWS (aws-load-balancer-internal,
// aws-load-balancer-scheme: internal), GCP (networking.gke.io/load-balancer-type and
// cloud.google.com/load-balancer-type: Internal), Azure, OCI, OpenStack, Alibaba Cloud
// (address-type intranet) and IBM Cloud (ip-type private). Pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "doc/node.h"
#include "k8s/object.h"

namespace gori::rules {

bool IsService(const k8s::Object& o);
bool IsIngress(const k8s::Object& o);
bool IsHttpRoute(const k8s::Object& o);
bool IsGateway(const k8s::Object& o);

// spec.type, "ClusterIP" when unset.
std::string_view ServiceType(const k8s::Object& service);
// The annotation key that makes a LoadBalancer internal, or "" when none does.
std::string_view InternalLoadBalancerAnnotation(const k8s::Object& service);
// spec.loadBalancerSourceRanges entries (strings as written).
std::vector<std::string_view> SourceRanges(const k8s::Object& service);
// True when the ranges are non-empty and none of them is 0.0.0.0/0 or ::/0.
bool RestrictsSources(const std::vector<std::string_view>& ranges);

struct NodePort {
  const doc::Node* node = nullptr;  // the port entry (or its nodePort value when set)
  int64_t node_port = 0;            // 0 when the API server will allocate one
  std::string path;                 // "spec.ports[0]"
};
// The ports a NodePort or LoadBalancer Service opens on every node (LoadBalancer only when it
// allocates node ports, the default).
std::vector<NodePort> NodePorts(const k8s::Object& service);

struct IngressHost {
  std::string_view host;  // "" for a rule without host (serves every host name)
  const doc::Node* node = nullptr;
  std::string path;  // "spec.rules[0].host" or "spec.rules[0]"
  bool tls = false;  // covered by a tls entry that names a secret
};
std::vector<IngressHost> IngressHosts(const k8s::Object& ingress);
// A TLS host pattern covers a host: equal, or `*.example.com` covering exactly one more label.
bool TlsHostCovers(std::string_view pattern, std::string_view host);

// spec.hostnames of an HTTPRoute (empty list: all hostnames of its parent listeners).
std::vector<const doc::Node*> RouteHostnames(const k8s::Object& route);

}  // namespace gori::rules
