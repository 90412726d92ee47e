// The evidence report's model, JSON and HTML on a small bundle (the multi-namespace bundle is
// golden-tested end to end in tests/integration/compliance_test.sh).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compliance/evidence.h"
#include "k8s/test_util.h"
#include "rules/engine.h"
#include "rules/index.h"

namespace gori::compliance {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kBundle[] = R"y(apiVersion: v1
kind: Namespace
metadata:
  name: edge
  labels:
    compliance/data-class: public
    compliance/zone: dmz
    compliance/env: prod
    note: "<b>not html</b>"
---
apiVersion: v1
kind: Service
metadata: {name: gw, namespace: edge}
spec:
  type: LoadBalancer
  ports: [{port: 443, nodePort: 30443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: edge}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: edge}
spec:
  template:
    spec:
      nodeSelector: {topology.kubernetes.io/region: ap-northeast-2}
      containers:
      - {name: gw, image: "nginx:1.27"}
      - {name: sidecar, image: "registry.example.kr/mesh/proxy:1.2"}
---
apiVersion: v1
kind: Pod
metadata: {name: dns, namespace: kube-system}
spec:
  containers: [{name: c, image: "coredns/coredns:1.11"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
)y";

struct Built {
  std::unique_ptr<k8s::testing::Parsed> parsed;
  std::vector<rules::Finding> findings;
  rules::ExemptionResult exemptions;
  Evidence evidence;
};

Built Build() {
  Built b;
  b.parsed = k8s::testing::ParseYaml(kBundle);
  rules::Config config;
  std::vector<std::string> names{"cis-1.12"};
  auto sel = SelectProfiles(names, config);
  rules::Engine engine(config);
  engine.Run(b.parsed->objects, b.findings);
  rules::Index index(b.parsed->objects);
  b.exemptions = rules::ApplyExemptions(config, index, b.findings);
  std::vector<ProfileSummary> summaries{
      Summarize(*sel->profiles[0], engine.active(), b.findings, b.exemptions)};
  b.evidence = BuildEvidence(b.parsed->objects, config, b.findings, b.exemptions, sel->profiles,
                             std::move(summaries), 1);
  return b;
}

TEST(Evidence, NamespaceFacts) {
  auto b = Build();
  const Evidence& e = b.evidence;
  ASSERT_EQ(e.namespaces.size(), 1u);
  EXPECT_THAT(e.skipped_system_namespaces, ElementsAre("kube-system"));
  const NamespaceEvidence& ns = e.namespaces[0];
  EXPECT_EQ(ns.name, "edge");
  EXPECT_EQ(ns.classification.zone, rules::Zone::kDmz);
  ASSERT_EQ(ns.load_balancers.size(), 1u);
  EXPECT_EQ(ns.load_balancers[0].internal_annotation, "");
  ASSERT_EQ(ns.node_ports.size(), 1u);
  EXPECT_EQ(ns.node_ports[0].node_port, 30443);
  ASSERT_TRUE(ns.deny_ingress);
  EXPECT_EQ(ns.deny_ingress->name(), "deny");
  EXPECT_FALSE(ns.deny_egress);
  ASSERT_EQ(ns.registries.size(), 2u);
  EXPECT_EQ(ns.registries[0].registry, "docker.io");
  EXPECT_EQ(ns.registries[1].registry, "registry.example.kr");
  ASSERT_EQ(ns.regions.size(), 1u);
  EXPECT_THAT(ns.regions[0].regions, ElementsAre("ap-northeast-2"));
  EXPECT_EQ(e.frameworks.size(), 1u);
  EXPECT_EQ(e.frameworks[0]->id, "cis-1.12");
}

TEST(Evidence, JsonNamesTheBasisAndGroupsByControl) {
  auto b = Build();
  std::string out;
  WriteEvidenceJson(b.evidence, "9.9.9", out);
  EXPECT_THAT(out, HasSubstr("\"version\": \"9.9.9\""));
  EXPECT_THAT(out, HasSubstr("\"default_deny_ingress\": \"deny\""));
  EXPECT_THAT(out, HasSubstr("\"default_deny_egress\": null"));
  EXPECT_THAT(out, HasSubstr("\"control\": \"CIS-1.12 5.3.2\""));
  EXPECT_EQ(out.find("compliant\""), std::string::npos);
}

TEST(Evidence, HtmlIsSelfContainedAndEscaped) {
  auto b = Build();
  std::string index, page;
  WriteEvidenceIndexHtml(b.evidence, "9.9.9", index);
  WriteEvidenceNamespaceHtml(b.evidence, b.evidence.namespaces[0], "9.9.9", page);
  for (const std::string* html : {&index, &page}) {
    EXPECT_TRUE(html->starts_with("<!DOCTYPE html>"));
    EXPECT_EQ(html->find("<script"), std::string::npos);
    EXPECT_EQ(html->find("http://"), std::string::npos);
    EXPECT_EQ(html->find("https://"), std::string::npos);
  }
  EXPECT_THAT(index, HasSubstr("<a href=\"ns-edge.html\">edge</a>"));
  EXPECT_THAT(page, HasSubstr("ap-northeast-2"));
  EXPECT_THAT(page, HasSubstr("registry.example.kr/mesh/proxy:1.2"));
}

TEST(Evidence, PageNamesCannotEscapeTheDirectory) {
  NamespaceEvidence ns;
  ns.name = "../../etc/x";
  EXPECT_EQ(NamespacePageName(ns), "ns-.._.._etc_x.html");
  ns.name = "";
  EXPECT_EQ(NamespacePageName(ns), "cluster.html");
}

}  // namespace
}  // namespace gori::compliance
