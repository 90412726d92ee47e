#include "rules/compliance/lib/exposure.h"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/netpol.h"

namespace gori::rules {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

}  // namespace

bool IsService(const k8s::Object& o) { return o.kind() == "Service" && o.group().empty(); }
bool IsIngress(const k8s::Object& o) {
  return o.kind() == "Ingress" && (o.group() == "networking.k8s.io" || o.group() == "extensions");
}
bool IsHttpRoute(const k8s::Object& o) {
  return o.kind() == "HTTPRoute" && o.group() == "gateway.networking.k8s.io";
}
bool IsGateway(const k8s::Object& o) {
  return o.kind() == "Gateway" && o.group() == "gateway.networking.k8s.io";
}

std::string_view ServiceType(const k8s::Object& service) {
  const doc::Node* spec = service.spec();
  std::string_view t = ScalarText(spec ? spec->Get("type") : nullptr);
  return t.empty() ? std::string_view("ClusterIP") : t;
}

std::string_view InternalLoadBalancerAnnotation(const k8s::Object& service) {
  // key, value that means internal ("" = any value except "false").
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kInternal = {{
      {"service.beta.kubernetes.io/aws-load-balancer-internal", ""},
      {"service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"},
      {"networking.gke.io/load-balancer-type", "Internal"},
      {"cloud.google.com/load-balancer-type", "Internal"},
      {"service.beta.kubernetes.io/azure-load-balancer-internal", "true"},
      {"service.beta.kubernetes.io/oci-load-balancer-internal", "true"},
      {"service.beta.kubernetes.io/openstack-internal-load-balancer", "true"},
      {"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", "intranet"},
      {"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private"},
  }};
  for (const auto& [key, want] : kInternal) {
    std::string_view v = ScalarText(service.Annotation(key));
    if (v.empty()) continue;
    if (want.empty() ? !EqualsIgnoreCase(v, "false") : EqualsIgnoreCase(v, want)) return key;
  }
  return {};
}

std::vector<std::string_view> SourceRanges(const k8s::Object& service) {
  std::vector<std::string_view> out;
  const doc::Node* spec = service.spec();
  const doc::Node* ranges = spec ? spec->Get("loadBalancerSourceRanges") : nullptr;
  if (ranges && ranges->IsSeq()) {
    for (const doc::Node* r : ranges->items()) {
      if (!ScalarText(r).empty()) out.push_back(ScalarText(r));
    }
  }
  return out;
}

bool RestrictsSources(const std::vector<std::string_view>& ranges) {
  return !ranges.empty() && std::none_of(ranges.begin(), ranges.end(),
                                         [](std::string_view r) { return IsEverywhereCidr(r); });
}

std::vector<NodePort> NodePorts(const k8s::Object& service) {
  std::vector<NodePort> out;
  std::string_view type = ServiceType(service);
  const doc::Node* spec = service.spec();
  if (!spec || !spec->IsMap()) return out;
  if (type == "LoadBalancer") {
    const doc::Node* alloc = spec->Get("allocateLoadBalancerNodePorts");
    if (alloc && alloc->IsBool() && !*alloc->AsBool()) return out;
  } else if (type != "NodePort") {
    return out;
  }
  const doc::Node* ports = spec->Get("ports");
  if (!ports || !ports->IsSeq()) return out;
  for (std::size_t i = 0; i < ports->size(); ++i) {
    const doc::Node* p = ports->items()[i];
    if (!p->IsMap()) continue;
    NodePort np;
    const doc::Node* n = p->Get("nodePort");
    np.node = n && !n->IsNull() ? n : p;
    np.node_port = n ? n->AsInt().value_or(0) : 0;
    np.path = fmt::format("spec.ports[{}]", i);
    out.push_back(std::move(np));
  }
  return out;
}

bool TlsHostCovers(std::string_view pattern, std::string_view host) {
  if (pattern == host) return true;
  if (!pattern.starts_with("*.") || host.empty()) return false;
  std::size_t dot = host.find('.');
  return dot != std::string_view::npos && dot > 0 && host.substr(dot) == pattern.substr(1);
}

std::vector<IngressHost> IngressHosts(const k8s::Object& ingress) {
  std::vector<IngressHost> out;
  const doc::Node* spec = ingress.spec();
  if (!spec || !spec->IsMap()) return out;
  const doc::Node* tls = spec->Get("tls");
  auto covered = [&](std::string_view host) {
    if (!tls || !tls->IsSeq()) return false;
    for (const doc::Node* t : tls->items()) {
      if (!t->IsMap() || ScalarText(t->Get("secretName")).empty()) continue;
      const doc::Node* hosts = t->Get("hosts");
      bool no_hosts = !hosts || !hosts->IsSeq() || hosts->size() == 0;
      // A tls entry without hosts serves the controller's default (wildcard) host.
      if (no_hosts && host.empty()) return true;
      if (no_hosts) continue;
      for (const doc::Node* h : hosts->items()) {
        if (TlsHostCovers(ScalarText(h), host)) return true;
      }
    }
    return false;
  };
  const doc::Node* rules = spec->Get("rules");
  if (rules && rules->IsSeq()) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const doc::Node* r = rules->items()[i];
      if (!r->IsMap()) continue;
      IngressHost h;
      const doc::Node* host = r->Get("host");
      h.host = ScalarText(host);
      h.node = host && !host->IsNull() ? host : r;
      h.path =
          h.host.empty() ? fmt::format("spec.rules[{}]", i) : fmt::format("spec.rules[{}].host", i);
      h.tls = covered(h.host);
      out.push_back(h);
    }
  }
  // An Ingress with only a default backend serves every host.
  const doc::Node* def = spec->Get("defaultBackend");
  if (!def) def = spec->Get("backend");
  if (out.empty() && def && def->IsMap()) {
    out.push_back({"", def, spec->Get("defaultBackend") ? "spec.defaultBackend" : "spec.backend",
                   covered("")});
  }
  return out;
}

std::vector<const doc::Node*> RouteHostnames(const k8s::Object& route) {
  std::vector<const doc::Node*> out;
  const doc::Node* spec = route.spec();
  const doc::Node* names = spec ? spec->Get("hostnames") : nullptr;
  if (names && names->IsSeq()) {
    for (const doc::Node* n : names->items()) out.push_back(n);
  }
  return out;
}

}  // namespace gori::rules
