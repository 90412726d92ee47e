// Tests for cmp-netpol-allow-all, cmp-netpol-metadata, cmp-public-exposure, cmp-ingress-tls and
// cmp-mesh-mtls: passing, failing and exempted fixtures each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/compliance/lib/testing.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunCmp;

std::string Ns(std::string_view data_class, std::string_view zone) {
  return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pay\n  labels:\n"
         "    compliance/data-class: " +
         std::string(data_class) + "\n    compliance/zone: " + std::string(zone) + "\n";
}

// --- cmp-netpol-allow-all

TEST(CmpNetpolAllowAll, NamedPeersAndPortsPass) {
  auto r = RunCmp("cmp-netpol-allow-all", R"y(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: pay}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: edge}}
  - from:
    - ipBlock: {cidr: 0.0.0.0/0}
    ports: [{port: 443}]
)y");
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpNetpolAllowAll, EmptyRuleEverythingPeersAndIgnoredDirection) {
  auto r = RunCmp("cmp-netpol-allow-all", R"y(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: open, namespace: pay}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
  - {}
  - from:
    - namespaceSelector: {}
  - from:
    - ipBlock: {cidr: "::/0"}
  egress:
  - {}
)y");
  // The egress rule is ignored: Egress is not in policyTypes.
  EXPECT_THAT(r.Kept(), ElementsAre("8:5 cmp-netpol-allow-all", "10:7 cmp-netpol-allow-all",
                                    "12:7 cmp-netpol-allow-all"));
  EXPECT_EQ(r.run[0].message,
            "NetworkPolicy 'open' ingress rule 0 has no 'from' and no ports: it allows all "
            "inbound traffic");
  EXPECT_EQ(r.run[1].message,
            "NetworkPolicy 'open' ingress rule 1 allows every source on every port");
  EXPECT_EQ(r.run[1].path, "spec.ingress[1].from[0]");
}

TEST(CmpNetpolAllowAll, ExceptMakesTheBlockNarrower) {
  auto r = RunCmp("cmp-netpol-allow-all", R"y(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: pay}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}
)y");
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpNetpolAllowAll, Exempted) {
  auto r = RunCmp("cmp-netpol-allow-all", R"y(apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-proxy
  namespace: pay
  annotations:
    compliance/exempt-cmp-netpol-allow-all: "forward proxy; destinations filtered at L7 (NET-9)"
spec:
  podSelector: {matchLabels: {app: proxy}}
  policyTypes: [Egress]
  egress:
  - {}
)y");
  EXPECT_TRUE(r.Kept().empty());
  ASSERT_EQ(r.exemptions.applied.size(), 1u);
  EXPECT_EQ(r.exemptions.applied[0].exemption.justification,
            "forward proxy; destinations filtered at L7 (NET-9)");
}

// --- cmp-netpol-metadata

constexpr char kEgressPolicy[] = R"y(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: pay}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0
)y";

TEST(CmpNetpolMetadata, CoveringCidrFiresInRegulatedNamespace) {
  auto r = RunCmp("cmp-netpol-metadata", Ns("cardholder", "internal") + kEgressPolicy);
  EXPECT_THAT(r.Kept(), ElementsAre("18:15 cmp-netpol-metadata"));
  EXPECT_EQ(r.run[0].path, "spec.egress[0].to[0].ipBlock.cidr");
  EXPECT_EQ(r.run[0].message,
            "NetworkPolicy 'out' egress rule 0 allows 0.0.0.0/0 which covers the cloud metadata "
            "service 169.254.169.254, with no except for it");
}

TEST(CmpNetpolMetadata, ExceptPortsAndUnclassifiedNamespacesPass) {
  std::string except = std::string(kEgressPolicy) + "        except: [169.254.0.0/16]\n";
  EXPECT_TRUE(RunCmp("cmp-netpol-metadata", Ns("cardholder", "internal") + except).Kept().empty());
  std::string https_only = std::string(kEgressPolicy) + "    ports: [{port: 443}]\n";
  EXPECT_TRUE(
      RunCmp("cmp-netpol-metadata", Ns("cardholder", "internal") + https_only).Kept().empty());
  EXPECT_TRUE(RunCmp("cmp-netpol-metadata", Ns("public", "dmz") + kEgressPolicy).Kept().empty());
  EXPECT_TRUE(RunCmp("cmp-netpol-metadata", kEgressPolicy).Kept().empty());
}

TEST(CmpNetpolMetadata, Exempted) {
  std::string ns =
      Ns("cardholder", "internal") +
      "  annotations:\n    compliance/exempt-cmp-netpol-metadata: \"IMDSv2 hop limit 1 "
      "on all nodes (INF-4)\"\n";
  auto r = RunCmp("cmp-netpol-metadata", ns + kEgressPolicy);
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-public-exposure

constexpr char kExposed[] = R"y(---
apiVersion: v1
kind: Service
metadata: {name: lb, namespace: pay}
spec:
  type: LoadBalancer
---
apiVersion: v1
kind: Service
metadata: {name: np, namespace: pay}
spec:
  type: NodePort
---
apiVersion: v1
kind: Service
metadata:
  name: internal-lb
  namespace: pay
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-scheme: internal
spec:
  type: LoadBalancer
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: pay}
spec:
  rules:
  - host: pay.example.com
)y";

TEST(CmpPublicExposure, InternalZoneExposuresFire) {
  auto r = RunCmp("cmp-public-exposure", Ns("internal", "internal") + kExposed);
  EXPECT_THAT(r.Kept(), ElementsAre("13:9 cmp-public-exposure", "19:9 cmp-public-exposure",
                                    "34:1 cmp-public-exposure"));
  EXPECT_EQ(r.run[0].message,
            "Service 'lb' is a public LoadBalancer (no internal-LB annotation, no "
            "loadBalancerSourceRanges) but namespace 'pay' is in zone internal");
  EXPECT_EQ(r.run[2].message,
            "Ingress 'web' exposes pay.example.com over HTTP(S) but namespace 'pay' is in zone "
            "internal");
}

TEST(CmpPublicExposure, PublicDmzPassesRegulatedDmzDoesNot) {
  EXPECT_TRUE(RunCmp("cmp-public-exposure", Ns("public", "dmz") + kExposed).Kept().empty());
  auto r = RunCmp("cmp-public-exposure", Ns("cardholder", "dmz") + kExposed);
  EXPECT_EQ(r.Kept().size(), 3u);
  EXPECT_THAT(r.run[0].message, HasSubstr("but namespace 'pay' holds cardholder data"));
}

TEST(CmpPublicExposure, UnclassifiedNamespaceIsNotJudged) {
  EXPECT_TRUE(RunCmp("cmp-public-exposure", kExposed).Kept().empty());
}

TEST(CmpPublicExposure, SourceRangesRestrictALoadBalancer) {
  auto r = RunCmp("cmp-public-exposure", Ns("internal", "mgmt") + R"y(---
apiVersion: v1
kind: Service
metadata: {name: vpn, namespace: pay}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [203.0.113.0/24]
)y");
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpPublicExposure, ExemptedObject) {
  auto r = RunCmp("cmp-public-exposure", Ns("internal", "internal") + R"y(---
apiVersion: v1
kind: Service
metadata:
  name: partner
  namespace: pay
  annotations:
    compliance/exempt-cmp-public-exposure: "partner VAN link, firewall-restricted (NET-31)"
spec:
  type: NodePort
)y");
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-ingress-tls

TEST(CmpIngressTls, CoveredHostsPass) {
  auto r = RunCmp("cmp-ingress-tls", R"y(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: edge}
spec:
  tls:
  - hosts: ["*.example.com"]
    secretName: wildcard
  rules:
  - host: pay.example.com
  - host: api.example.com
)y");
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpIngressTls, UncoveredHostSecretlessTlsAndDisabledRedirect) {
  auto r = RunCmp("cmp-ingress-tls", R"y(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: edge
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
spec:
  tls:
  - hosts: [pay.example.com]
  - hosts: ["*.example.com"]
    secretName: wildcard
  rules:
  - host: pay.example.com
  - host: a.b.example.com
  - host: shop.example.com
)y");
  // pay.example.com is matched by the wildcard; a.b.example.com is two labels deep.
  EXPECT_THAT(r.Kept(), ElementsAre("7:47 cmp-ingress-tls", "15:11 cmp-ingress-tls"));
  EXPECT_EQ(r.run[1].message,
            "Ingress 'web' host 'a.b.example.com' is not covered by a TLS entry that names a "
            "certificate secret");
}

TEST(CmpIngressTls, GatewayHttpOnlyListener) {
  auto r = RunCmp("cmp-ingress-tls", R"y(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: edge}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, protocol: HTTP, port: 80, hostname: pay.example.com}
  - {name: https, protocol: HTTPS, port: 443, hostname: pay.example.com}
  - {name: legacy, protocol: HTTP, port: 8080, hostname: old.example.com}
)y");
  EXPECT_THAT(r.Kept(), ElementsAre("9:30 cmp-ingress-tls"));
  EXPECT_EQ(r.run[0].message,
            "Gateway 'gw' listener 'legacy' serves old.example.com over HTTP only (no HTTPS or "
            "TLS listener covers it)");
}

TEST(CmpIngressTls, Exempted) {
  auto r = RunCmp("cmp-ingress-tls", R"y(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: acme
  namespace: edge
  annotations:
    compliance/exempt-cmp-ingress-tls: "HTTP-01 challenge path only, no data (SEC-40)"
spec:
  rules:
  - host: pay.example.com
)y");
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-mesh-mtls

constexpr char kPermissive[] = R"y(---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: pay}
spec:
  mtls: {mode: PERMISSIVE}
  portLevelMtls:
    "9090": {mode: DISABLE}
)y";

TEST(CmpMeshMtls, StrictPasses) {
  auto r = RunCmp("cmp-mesh-mtls", R"y(apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec:
  mtls: {mode: STRICT}
)y");
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpMeshMtls, PermissiveAndPortLevelDisable) {
  auto r = RunCmp("cmp-mesh-mtls", Ns("personal", "internal") + kPermissive);
  EXPECT_THAT(r.Kept(), ElementsAre("13:16 cmp-mesh-mtls", "15:20 cmp-mesh-mtls"));
  EXPECT_EQ(r.run[0].message,
            "PeerAuthentication 'default' sets mTLS for namespace 'pay' to PERMISSIVE: plain-text "
            "connections are still accepted");
  EXPECT_EQ(r.run[0].severity, Severity::kHigh);
  EXPECT_EQ(r.run[1].path, "spec.portLevelMtls[9090].mode");
}

TEST(CmpMeshMtls, RequiredStrictForRegulatedNamespace) {
  Config config;
  config.compliance.require_mtls = true;
  std::string deploy = R"y(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    spec:
      containers: [{name: api, image: r.example/api:1}]
)y";
  auto missing = RunCmp("cmp-mesh-mtls", Ns("credit", "internal") + deploy, config);
  EXPECT_THAT(missing.Kept(), ElementsAre("4:9 cmp-mesh-mtls"));
  EXPECT_EQ(missing.run[0].message,
            "namespace 'pay' holds credit data but no STRICT PeerAuthentication covers it (none "
            "in the namespace, none mesh-wide in 'istio-system')");
  std::string mesh = R"y(---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec:
  mtls: {mode: STRICT}
)y";
  EXPECT_TRUE(
      RunCmp("cmp-mesh-mtls", Ns("credit", "internal") + deploy + mesh, config).Kept().empty());
  EXPECT_TRUE(RunCmp("cmp-mesh-mtls", Ns("credit", "internal") + deploy).Kept().empty());
}

TEST(CmpMeshMtls, Exempted) {
  std::string policy = R"y(apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: pay
  annotations:
    compliance/exempt-cmp-mesh-mtls: "migration to STRICT tracked in MESH-2, ends 2025-09"
spec:
  mtls: {mode: PERMISSIVE}
)y";
  auto r = RunCmp("cmp-mesh-mtls", policy);
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

}  // namespace
}  // namespace gori::rules
