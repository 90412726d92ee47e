// Tests for the compliance helpers: NetworkPolicy defaulting, CIDR arithmetic, TLS host
// patterns, internal load balancers, region pinning and exemption lookup.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "k8s/test_util.h"
#include "rules/compliance/lib/exemptions.h"
#include "rules/compliance/lib/exposure.h"
#include "rules/compliance/lib/mesh.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/netpol.h"
#include "rules/compliance/lib/residency.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;

std::unique_ptr<k8s::testing::Parsed> Parse(std::string yaml) {
  return k8s::testing::ParseYaml(std::move(yaml));
}

TEST(CmpNetpol, PolicyTypesDefaultingFollowsTheApiServer) {
  auto p = Parse(R"y(spec: {podSelector: {}}
---
spec: {podSelector: {}, egress: []}
---
spec: {podSelector: {}, egress: [{}]}
---
spec: {podSelector: {}, policyTypes: [], egress: [{}]}
---
spec: {podSelector: {}, policyTypes: [Egress], ingress: [{}]}
)y");
  auto types = [&](std::size_t i) {
    auto t = EffectivePolicyTypes(p->file.documents[i].root->Get("spec"));
    return std::string(t.ingress ? "I" : "") + (t.egress ? "E" : "") + (t.defaulted ? "*" : "");
  };
  EXPECT_EQ(types(0), "I*");
  EXPECT_EQ(types(1), "I*");  // an empty egress list adds nothing
  EXPECT_EQ(types(2), "IE*");
  EXPECT_EQ(types(3), "IE*");  // an empty policyTypes list is defaulted too
  EXPECT_EQ(types(4), "E");
}

TEST(CmpNetpol, CidrParsingAndCoverage) {
  auto all = ParseCidr4("0.0.0.0/0");
  auto link = ParseCidr4("169.254.0.0/16");
  auto host = ParseCidr4("169.254.169.254");
  ASSERT_TRUE(all && link && host);
  EXPECT_TRUE(all->Covers(*link));
  EXPECT_TRUE(link->Covers(*host));
  EXPECT_FALSE(host->Covers(*link));
  EXPECT_EQ(ParseCidr4("10.1.2.3/8")->base, 10u << 24);  // host bits are masked
  for (auto bad : {"256.0.0.0/8", "10.0.0/8", "10.0.0.0/33", "01.2.3.4", "a.b.c.d", ""}) {
    EXPECT_FALSE(ParseCidr4(bad)) << bad;
  }
  EXPECT_TRUE(IsEverywhereCidr("::/0"));
  EXPECT_TRUE(IsEverywhereCidr("0:0::0/0"));
  EXPECT_FALSE(IsEverywhereCidr("::/1"));
  EXPECT_FALSE(IsEverywhereCidr("10.0.0.0/0x"));
}

TEST(CmpExposure, TlsWildcardCoversExactlyOneLabel) {
  EXPECT_TRUE(TlsHostCovers("*.example.com", "pay.example.com"));
  EXPECT_FALSE(TlsHostCovers("*.example.com", "a.pay.example.com"));
  EXPECT_FALSE(TlsHostCovers("*.example.com", "example.com"));
  EXPECT_TRUE(TlsHostCovers("pay.example.com", "pay.example.com"));
}

TEST(CmpExposure, InternalLoadBalancerAnnotations) {
  auto p = Parse(R"y(kind: Service
metadata:
  annotations: {networking.gke.io/load-balancer-type: Internal}
---
kind: Service
metadata:
  annotations: {service.beta.kubernetes.io/aws-load-balancer-internal: "false"}
---
kind: Service
metadata:
  annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "true"}
)y");
  EXPECT_EQ(InternalLoadBalancerAnnotation(p->objects[0]), "networking.gke.io/load-balancer-type");
  EXPECT_EQ(InternalLoadBalancerAnnotation(p->objects[1]), "");
  EXPECT_EQ(InternalLoadBalancerAnnotation(p->objects[2]),
            "service.beta.kubernetes.io/azure-load-balancer-internal");
}

TEST(CmpResidency, NodeSelectorAndAffinityIntersect) {
  auto p = Parse(R"y(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  nodeSelector: {topology.kubernetes.io/region: koreacentral}
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: topology.kubernetes.io/region, operator: In, values: [koreacentral, eastus]}
  containers: [{name: c, image: x:1}]
)y");
  ComplianceOptions opt;
  auto pin = PinnedRegions(opt, *p->objects[0].pod(), nullptr);
  EXPECT_TRUE(pin.pinned);
  EXPECT_THAT(pin.regions, ElementsAre("koreacentral"));
  EXPECT_EQ(pin.source, "spec.nodeSelector, required node affinity");
}

TEST(CmpExemption, OnlyAStringIsAJustificationAndObjectWinsOverNamespace) {
  auto p = Parse(R"y(apiVersion: v1
kind: Namespace
metadata:
  name: pay
  annotations:
    compliance/exempt-sec-privileged: "namespace-wide reason"
---
apiVersion: v1
kind: Pod
metadata:
  name: a
  namespace: pay
  annotations:
    compliance/exempt-sec-privileged: true
spec:
  containers: [{name: c, image: x:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: pay}
spec:
  containers: [{name: c, image: x:1}]
)y");
  Index index(p->objects);
  ComplianceOptions opt;
  auto a = FindExemption(opt, index, p->objects[1], "sec-privileged");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->valid());  // `true` says nothing about why
  EXPECT_EQ(a->scope, ExemptionScope::kObject);
  auto b = FindExemption(opt, index, p->objects[2], "sec-privileged");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->scope, ExemptionScope::kNamespace);
  EXPECT_EQ(b->justification, "namespace-wide reason");
  EXPECT_FALSE(FindExemption(opt, index, p->objects[2], "sec-host-pid"));
}

TEST(CmpMesh, NamespacePolicyBeatsMeshWideAndUnsetInherits) {
  auto p = Parse(R"y(apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: a}
spec: {mtls: {mode: PERMISSIVE}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: b}
spec: {mtls: {mode: UNSET}}
)y");
  Index index(p->objects);
  ComplianceOptions opt;
  EXPECT_EQ(MtlsOf(opt, index, "a").mode, "PERMISSIVE");
  auto b = MtlsOf(opt, index, "b");
  EXPECT_EQ(b.mode, "STRICT");
  EXPECT_TRUE(b.mesh_wide);
}

}  // namespace
}  // namespace gori::rules
