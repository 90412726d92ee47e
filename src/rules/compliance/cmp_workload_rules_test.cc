// Tests for cmp-dmz-data-store, cmp-plaintext-secret, cmp-image-signature-policy,
// cmp-log-collection and cmp-data-residency: passing, failing and exempted fixtures each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/compliance/lib/testing.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunCmp;

std::string Ns(std::string_view data_class, std::string_view zone, std::string extra = "") {
  return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pay\n  labels:\n"
         "    compliance/data-class: " +
         std::string(data_class) + "\n    compliance/zone: " + std::string(zone) + "\n" + extra;
}

std::string Deploy(std::string image, std::string pod_extra = "") {
  return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: pay}\n"
         "spec:\n  template:\n    spec:\n" +
         pod_extra + "      containers:\n      - name: api\n        image: " + image + "\n";
}

// --- cmp-dmz-data-store

constexpr char kStatefulSet[] = R"y(---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: pay}
spec:
  template:
    spec:
      containers: [{name: app, image: registry.example/session:2}]
  volumeClaimTemplates:
  - metadata: {name: data}
)y";

TEST(CmpDmzDataStore, StatelessDmzAndDatabaseInternalPass) {
  EXPECT_TRUE(
      RunCmp("cmp-dmz-data-store", Ns("public", "dmz") + Deploy("nginx:1.27")).Kept().empty());
  EXPECT_TRUE(RunCmp("cmp-dmz-data-store", Ns("cardholder", "internal") + Deploy("postgres:16"))
                  .Kept()
                  .empty());
}

TEST(CmpDmzDataStore, DatabaseImageAndPvcStatefulSetInDmz) {
  auto r = RunCmp("cmp-dmz-data-store",
                  Ns("public", "dmz") + Deploy("bitnami/postgresql:16.2") + kStatefulSet);
  EXPECT_THAT(r.Kept(), ElementsAre("17:16 cmp-dmz-data-store", "26:3 cmp-dmz-data-store"));
  EXPECT_EQ(r.run[0].message,
            "container 'api' runs data store image 'bitnami/postgresql:16.2' in DMZ namespace "
            "'pay'");
  EXPECT_EQ(r.run[1].message,
            "StatefulSet 'cache' keeps data on persistent volumes in DMZ namespace 'pay'");
}

TEST(CmpDmzDataStore, ExemptedOnPodTemplate) {
  std::string pod = Deploy("redis:7");
  pod.replace(pod.find("    spec:\n      containers"), 0,
              "    metadata:\n      annotations:\n        compliance/exempt-cmp-dmz-data-store: "
              "\"rate-limit counters only, no user data (ARC-5)\"\n");
  auto r = RunCmp("cmp-dmz-data-store", Ns("public", "dmz") + pod);
  EXPECT_TRUE(r.Kept().empty());
  ASSERT_EQ(r.exemptions.applied.size(), 1u);
  EXPECT_EQ(r.exemptions.applied[0].exemption.scope, ExemptionScope::kPodTemplate);
}

// --- cmp-plaintext-secret

TEST(CmpPlaintextSecret, EmptySopsAndEncryptedValuesPass) {
  EXPECT_TRUE(RunCmp("cmp-plaintext-secret", R"y(apiVersion: v1
kind: Secret
metadata: {name: tls, namespace: pay}
type: kubernetes.io/tls
data: {}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: pay}
stringData:
  password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]
sops:
  version: 3.9.0
)y")
                  .Kept()
                  .empty());
}

TEST(CmpPlaintextSecret, ReportsKeyNamesNeverValues) {
  auto r = RunCmp("cmp-plaintext-secret", R"y(apiVersion: v1
kind: Secret
metadata: {name: db, namespace: pay}
data:
  username: cGF5
  password: aHVudGVyMg==
stringData:
  url: postgres://pay:hunter2@db:5432/pay
)y");
  EXPECT_THAT(r.Kept(), ElementsAre("4:1 cmp-plaintext-secret", "7:1 cmp-plaintext-secret"));
  EXPECT_EQ(r.run[0].message,
            "Secret 'db' commits 2 values in data (username, password); base64 is an encoding, "
            "not encryption");
  for (const auto& f : r.run.findings) {
    EXPECT_EQ(f.message.find("hunter2"), std::string::npos);
    EXPECT_EQ(f.message.find("aHVudGVyMg"), std::string::npos);
  }
}

TEST(CmpPlaintextSecret, Exempted) {
  auto r = RunCmp("cmp-plaintext-secret", R"y(apiVersion: v1
kind: Secret
metadata:
  name: ca-bundle
  namespace: pay
  annotations:
    compliance/exempt-cmp-plaintext-secret: "public CA certificates, not a credential"
data:
  ca.crt: LS0tLS1CRUdJTi==
)y");
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-image-signature-policy

constexpr char kClusterPolicy[] = R"y(---
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify-signed}
spec:
  rules:
  - name: signed
    match:
      any:
      - resources:
          kinds: [Pod]
          namespaces: ["pay*"]
    verifyImages:
    - imageReferences: ["registry.example/*"]
)y";

TEST(CmpImageSignaturePolicy, KyvernoClusterPolicyCoversMatchingNamespace) {
  auto r = RunCmp("cmp-image-signature-policy",
                  Ns("cardholder", "internal") + Deploy("registry.example/api:1") + kClusterPolicy);
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpImageSignaturePolicy, SigstoreNeedsTheNamespaceOptIn) {
  std::string cip = R"y(---
apiVersion: policy.sigstore.dev/v1beta1
kind: ClusterImagePolicy
metadata: {name: signed}
spec:
  images: [{glob: "registry.example/**"}]
)y";
  auto without = RunCmp("cmp-image-signature-policy",
                        Ns("credit", "internal") + Deploy("registry.example/api:1") + cip);
  EXPECT_EQ(without.Kept().size(), 1u);
  auto with = RunCmp("cmp-image-signature-policy",
                     Ns("credit", "internal", "    policy.sigstore.dev/include: \"true\"\n") +
                         Deploy("registry.example/api:1") + cip);
  EXPECT_TRUE(with.Kept().empty());
}

TEST(CmpImageSignaturePolicy, UncoveredRegulatedNamespaceFires) {
  std::string excluded = kClusterPolicy;
  excluded.replace(excluded.find("\"pay*\""), 6, "\"shop\"");
  auto r = RunCmp("cmp-image-signature-policy",
                  Ns("cardholder", "internal") + Deploy("registry.example/api:1") + excluded);
  EXPECT_THAT(r.Kept(), ElementsAre("4:9 cmp-image-signature-policy"));
  EXPECT_THAT(r.run[0].message, HasSubstr("namespace 'pay' holds cardholder data but no image "
                                          "signature verification policy in the bundle covers "
                                          "it"));
  // Not regulated: not judged.
  EXPECT_TRUE(
      RunCmp("cmp-image-signature-policy", Ns("public", "dmz") + Deploy("nginx:1")).Kept().empty());
}

TEST(CmpImageSignaturePolicy, Exempted) {
  auto r = RunCmp("cmp-image-signature-policy",
                  Ns("cardholder", "internal",
                     "  annotations:\n    compliance/exempt-cmp-image-signature-policy: "
                     "\"Harbor content trust blocks unsigned pulls (REG-2)\"\n") +
                      Deploy("registry.example/api:1"));
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-log-collection

constexpr char kFluentBit[] = R"y(---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluent-bit, namespace: logging}
spec:
  template:
    spec:
      containers: [{name: fb, image: "cr.fluentbit.io/fluent/fluent-bit:3.1.4"}]
)y";

TEST(CmpLogCollection, AgentDaemonSetOrDeclaredPipelinePasses) {
  EXPECT_TRUE(RunCmp("cmp-log-collection",
                     Ns("cardholder", "internal") + Deploy("registry.example/api:1") + kFluentBit)
                  .Kept()
                  .empty());
  EXPECT_TRUE(RunCmp("cmp-log-collection",
                     Ns("cardholder", "internal",
                        "  annotations:\n    compliance/log-pipeline: \"CloudWatch via the "
                        "cluster-addons repo\"\n") +
                         Deploy("registry.example/api:1"))
                  .Kept()
                  .empty());
  Config external;
  external.compliance.external_log_pipeline = true;
  EXPECT_TRUE(RunCmp("cmp-log-collection", Ns("cardholder", "internal") + Deploy("r.example/api:1"),
                     external)
                  .Kept()
                  .empty());
}

TEST(CmpLogCollection, NoAgentAndOptOutInRegulatedNamespace) {
  std::string pod = Deploy("registry.example/api:1");
  pod.replace(pod.find("    spec:\n      containers"), 0,
              "    metadata:\n      annotations:\n        fluentbit.io/exclude: \"true\"\n");
  auto r = RunCmp("cmp-log-collection", Ns("cardholder", "internal") + pod);
  EXPECT_THAT(r.Kept(), ElementsAre("4:9 cmp-log-collection", "16:31 cmp-log-collection"));
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay': no log-agent DaemonSet in the bundle collects its logs and no "
            "external pipeline is declared (annotation compliance/log-pipeline)");
  EXPECT_EQ(r.run[1].message,
            "Deployment 'api' opts its pods out of log collection (fluentbit.io/exclude: "
            "\"true\") in regulated namespace 'pay'");
}

TEST(CmpLogCollection, Exempted) {
  auto r = RunCmp("cmp-log-collection",
                  Ns("internal", "internal",
                     "  annotations:\n    compliance/exempt-cmp-log-collection: \"batch "
                     "namespace, logs shipped by the job runner (OPS-8)\"\n") +
                      Deploy("registry.example/api:1"));
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-data-residency

TEST(CmpDataResidency, PinnedByNodeSelectorAffinityOrNamespacePass) {
  std::string selector =
      "      nodeSelector:\n        topology.kubernetes.io/region: ap-northeast-2\n";
  EXPECT_TRUE(
      RunCmp("cmp-data-residency", Ns("credit", "internal") + Deploy("r.example/api:1", selector))
          .Kept()
          .empty());
  std::string affinity = R"y(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: topology.kubernetes.io/region, operator: In, values: [koreacentral]}
            - matchExpressions:
              - {key: topology.kubernetes.io/region, operator: In, values: [koreasouth]}
              - {key: node.kubernetes.io/instance-type, operator: In, values: [m5.large]}
)y";
  EXPECT_TRUE(
      RunCmp("cmp-data-residency", Ns("credit", "internal") + Deploy("r.example/api:1", affinity))
          .Kept()
          .empty());
  EXPECT_TRUE(RunCmp("cmp-data-residency",
                     Ns("credit", "internal",
                        "  annotations:\n    scheduler.alpha.kubernetes.io/node-selector: "
                        "topology.kubernetes.io/region=ap-northeast-2\n") +
                         Deploy("r.example/api:1"))
                  .Kept()
                  .empty());
}

TEST(CmpDataResidency, UnpinnedTermAndForeignRegionFire) {
  std::string affinity = R"y(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: topology.kubernetes.io/region, operator: In, values: [ap-northeast-2]}
            - matchExpressions:
              - {key: node.kubernetes.io/instance-type, operator: In, values: [m5.large]}
)y";
  auto r =
      RunCmp("cmp-data-residency", Ns("credit", "internal") + Deploy("r.example/api:1", affinity));
  EXPECT_THAT(r.Kept(), ElementsAre("14:5 cmp-data-residency"));
  EXPECT_EQ(r.run[0].message,
            "Deployment 'api' in regulated namespace 'pay' (credit data) is not pinned to a "
            "region; allowed: ap-northeast-2, asia-northeast3, koreacentral, koreasouth");
  std::string foreign = "      nodeSelector:\n        topology.kubernetes.io/region: us-east-1\n";
  auto f =
      RunCmp("cmp-data-residency", Ns("personal", "internal") + Deploy("r.example/api:1", foreign));
  EXPECT_EQ(f.run[0].message,
            "Deployment 'api' in regulated namespace 'pay' may run in region us-east-1 outside "
            "the allowed list (ap-northeast-2, asia-northeast3, koreacentral, koreasouth), via "
            "spec.template.spec.nodeSelector");
  // Not regulated: not judged.
  EXPECT_TRUE(RunCmp("cmp-data-residency", Ns("public", "dmz") + Deploy("nginx:1")).Kept().empty());
}

TEST(CmpDataResidency, AllowedRegionsAreConfigurable) {
  Config config;
  config.compliance.allowed_regions = {"kr-central-1"};
  std::string selector =
      "      nodeSelector:\n        topology.kubernetes.io/region: kr-central-1\n";
  EXPECT_TRUE(RunCmp("cmp-data-residency",
                     Ns("credit", "internal") + Deploy("r.example/api:1", selector), config)
                  .Kept()
                  .empty());
}

TEST(CmpDataResidency, ExemptedOnNamespace) {
  auto r = RunCmp("cmp-data-residency",
                  Ns("credit", "internal",
                     "  annotations:\n    compliance/exempt-cmp-data-residency: \"single-region "
                     "cluster in ap-northeast-2 (CLD-1)\"\n") +
                      Deploy("r.example/api:1"));
  EXPECT_TRUE(r.Kept().empty());
  ASSERT_EQ(r.exemptions.applied.size(), 1u);
  EXPECT_EQ(r.exemptions.applied[0].exemption.scope, ExemptionScope::kNamespace);
}

}  // namespace
}  // namespace gori::rules
