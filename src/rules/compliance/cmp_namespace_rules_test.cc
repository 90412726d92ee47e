// Tests for the once-per-namespace compliance rules: cmp-pss-enforce-label,
// cmp-ns-classification, cmp-namespace-quota, cmp-default-deny-ingress/egress. Each has a
// passing, a failing and an exempted fixture.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/compliance/lib/testing.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunCmp;

std::string Ns(std::string labels, std::string annotations = "") {
  std::string s = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pay\n";
  if (!labels.empty()) s += "  labels:\n" + labels;
  if (!annotations.empty()) s += "  annotations:\n" + annotations;
  return s;
}

constexpr char kDeploy[] = R"y(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    spec:
      containers:
      - name: api
        image: registry.example/pay/api:1.0
)y";

constexpr char kCardholder[] =
    "    compliance/data-class: cardholder\n    compliance/zone: internal\n"
    "    compliance/env: prod\n";

// --- cmp-pss-enforce-label

TEST(CmpPssEnforceLabel, RestrictedPasses) {
  auto r =
      RunCmp("cmp-pss-enforce-label",
             Ns(std::string(kCardholder) + "    pod-security.kubernetes.io/enforce: restricted\n") +
                 kDeploy);
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpPssEnforceLabel, MissingLabelPointsAtLabelsHighInRegulatedNamespace) {
  auto r = RunCmp("cmp-pss-enforce-label", Ns(kCardholder) + kDeploy);
  EXPECT_THAT(r.Kept(), ElementsAre("5:3 cmp-pss-enforce-label"));
  EXPECT_EQ(r.run[0].severity, Severity::kHigh);
  EXPECT_EQ(r.run[0].path, "metadata.labels");
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay' runs workloads but has no pod-security.kubernetes.io/enforce label: "
            "Pod Security Admission enforces nothing there");
}

TEST(CmpPssEnforceLabel, BaselineIsEnoughOnlyOutsideRegulatedNamespaces) {
  std::string public_ns =
      "    compliance/data-class: public\n    pod-security.kubernetes.io/enforce: baseline\n";
  EXPECT_TRUE(RunCmp("cmp-pss-enforce-label", Ns(public_ns) + kDeploy).Kept().empty());
  auto r =
      RunCmp("cmp-pss-enforce-label",
             Ns(std::string(kCardholder) + "    pod-security.kubernetes.io/enforce: baseline\n") +
                 kDeploy);
  EXPECT_THAT(r.Kept(), ElementsAre("9:41 cmp-pss-enforce-label"));
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay' holds cardholder data but enforces only baseline; regulated "
            "namespaces need restricted");
}

TEST(CmpPssEnforceLabel, PrivilegedLevelFires) {
  auto r = RunCmp("cmp-pss-enforce-label",
                  Ns("    pod-security.kubernetes.io/enforce: privileged\n") + kDeploy);
  EXPECT_THAT(r.Kept(), ElementsAre("6:41 cmp-pss-enforce-label"));
  EXPECT_EQ(r.run[0].severity, Severity::kMedium);
}

TEST(CmpPssEnforceLabel, NamespaceWithoutWorkloadsAndSystemNamespacesAreSkipped) {
  EXPECT_TRUE(RunCmp("cmp-pss-enforce-label", Ns(kCardholder)).Kept().empty());
  EXPECT_TRUE(RunCmp("cmp-pss-enforce-label",
                     "apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n---\n"
                     "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: kube-system}\n"
                     "spec:\n  containers: [{name: c, image: x:1}]\n")
                  .Kept()
                  .empty());
}

TEST(CmpPssEnforceLabel, ExemptionWithJustificationSuppressesAndIsRecorded) {
  auto r = RunCmp("cmp-pss-enforce-label",
                  Ns(kCardholder,
                     "    compliance/exempt-cmp-pss-enforce-label: \"Kyverno enforces the "
                     "restricted profile here (POL-7)\"\n") +
                      kDeploy);
  EXPECT_TRUE(r.Kept().empty());
  ASSERT_EQ(r.run.size(), 1u);
  EXPECT_TRUE(r.run[0].suppressed);
  EXPECT_EQ(r.run[0].suppression_reason,
            "compliance exemption (compliance/exempt-cmp-pss-enforce-label on Namespace 'pay'): "
            "Kyverno enforces the restricted profile here (POL-7)");
  ASSERT_EQ(r.exemptions.applied.size(), 1u);
  EXPECT_EQ(r.exemptions.applied[0].exemption.scope, ExemptionScope::kObject);
}

TEST(CmpPssEnforceLabel, ExemptionWithoutJustificationIsIgnoredAndSaysSo) {
  auto r =
      RunCmp("cmp-pss-enforce-label",
             Ns(kCardholder, "    compliance/exempt-cmp-pss-enforce-label: \"  \"\n") + kDeploy);
  EXPECT_THAT(r.Kept(), ElementsAre("5:3 cmp-pss-enforce-label"));
  EXPECT_THAT(r.run[0].message,
              HasSubstr("(exemption compliance/exempt-cmp-pss-enforce-label on Namespace 'pay' "
                        "ignored: it gives no justification)"));
  EXPECT_EQ(r.exemptions.ignored.size(), 1u);
}

// --- cmp-ns-classification

TEST(CmpNsClassification, FullyLabelledPasses) {
  EXPECT_TRUE(RunCmp("cmp-ns-classification", Ns(kCardholder) + kDeploy).Kept().empty());
}

TEST(CmpNsClassification, MissingAndInvalidLabels) {
  auto r = RunCmp("cmp-ns-classification",
                  Ns("    compliance/data-class: secret\n    compliance/env: prod\n") + kDeploy);
  EXPECT_THAT(r.Kept(), ElementsAre("5:3 cmp-ns-classification", "6:28 cmp-ns-classification"));
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay' runs workloads but lacks classification label compliance/zone");
  EXPECT_EQ(r.run[1].message,
            "namespace 'pay' label compliance/data-class: 'secret' is not one of public, "
            "internal, personal, credit, cardholder");
}

TEST(CmpNsClassification, LabelKeysAreConfigurable) {
  Config config;
  config.compliance.data_class_label = "corp.example/data";
  config.compliance.zone_label = "corp.example/zone";
  config.compliance.env_label = "corp.example/env";
  auto r = RunCmp("cmp-ns-classification",
                  Ns("    corp.example/data: credit\n    corp.example/zone: internal\n"
                     "    corp.example/env: stage\n") +
                      kDeploy,
                  config);
  EXPECT_TRUE(r.Kept().empty());
  auto missing = RunCmp("cmp-ns-classification", Ns(kCardholder) + kDeploy, config);
  EXPECT_EQ(missing.run[0].message,
            "namespace 'pay' runs workloads but lacks classification labels corp.example/data, "
            "corp.example/zone, corp.example/env");
}

TEST(CmpNsClassification, Exempted) {
  auto r = RunCmp(
      "cmp-ns-classification",
      Ns("", "    compliance/exempt-cmp-ns-classification: \"sandbox, no data (SEC-12)\"\n") +
          kDeploy);
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

// --- cmp-namespace-quota

TEST(CmpNamespaceQuota, QuotaAndLimitRangePass) {
  auto r = RunCmp("cmp-namespace-quota",
                  Ns(kCardholder) + kDeploy +
                      "---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: "
                      "pay}\n---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: l, "
                      "namespace: pay}\n");
  EXPECT_TRUE(r.Kept().empty());
}

TEST(CmpNamespaceQuota, WithoutNamespaceObjectReportsOnFirstWorkload) {
  auto r = RunCmp("cmp-namespace-quota",
                  std::string(kDeploy) +
                      "---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: "
                      "pay}\n");
  EXPECT_THAT(r.Kept(), ElementsAre("4:18 cmp-namespace-quota"));
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay' (reported on its first workload) runs workloads without a "
            "LimitRange");
}

TEST(CmpNamespaceQuota, ExemptedOnNamespace) {
  auto r =
      RunCmp("cmp-namespace-quota", Ns(kCardholder,
                                       "    compliance/exempt-cmp-namespace-quota: \"capacity is "
                                       "reserved per node pool (CAP-3)\"\n") +
                                        kDeploy);
  EXPECT_TRUE(r.Kept().empty());
  ASSERT_EQ(r.run.size(), 1u);
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay' runs workloads without a ResourceQuota and a LimitRange");
}

// --- cmp-default-deny-ingress / egress

constexpr char kDenyAll[] = R"y(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: pay}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
)y";

TEST(CmpDefaultDeny, ExplicitDenyAllPassesBothDirections) {
  for (auto id : {"cmp-default-deny-ingress", "cmp-default-deny-egress"}) {
    EXPECT_TRUE(RunCmp(id, Ns(kCardholder) + kDeploy + kDenyAll).Kept().empty()) << id;
  }
}

TEST(CmpDefaultDeny, MissingPolicyFiresHighInRegulatedNamespace) {
  auto r = RunCmp("cmp-default-deny-ingress", Ns(kCardholder) + kDeploy);
  EXPECT_THAT(r.Kept(), ElementsAre("4:9 cmp-default-deny-ingress"));
  EXPECT_EQ(r.run[0].severity, Severity::kHigh);
  EXPECT_EQ(r.run[0].message,
            "namespace 'pay' has no default-deny ingress NetworkPolicy (podSelector: {}, "
            "Ingress in policyTypes, no ingress rules)");
}

TEST(CmpDefaultDeny, PolicyTypesDefaultToIngressOnlyWhenEgressIsEmpty) {
  // `egress: []` does not add Egress to the defaulted policyTypes: this is an ingress deny only.
  std::string policy = R"y(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: pay}
spec:
  podSelector: {}
  egress: []
)y";
  EXPECT_TRUE(
      RunCmp("cmp-default-deny-ingress", Ns(kCardholder) + kDeploy + policy).Kept().empty());
  auto r = RunCmp("cmp-default-deny-egress", Ns(kCardholder) + kDeploy + policy);
  EXPECT_THAT(r.Kept(), ElementsAre("4:9 cmp-default-deny-egress"));
  EXPECT_THAT(r.run[0].message,
              HasSubstr("; NetworkPolicy 'deny' selects every pod but has no policyTypes, so the "
                        "API server sets [Ingress] (Egress only when it has egress rules) and it "
                        "does not restrict Egress"));
}

TEST(CmpDefaultDeny, EgressRulesMakeDefaultedPolicyTypesIncludeEgressButAllowTraffic) {
  // One egress rule: the defaulted policyTypes are [Ingress, Egress], but the rule allows DNS,
  // so it is not a deny-all for egress; there are no ingress rules, so it is one for ingress.
  std::string policy = R"y(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns-only, namespace: pay}
spec:
  podSelector: {}
  egress:
  - ports: [{port: 53, protocol: UDP}]
)y";
  EXPECT_TRUE(
      RunCmp("cmp-default-deny-ingress", Ns(kCardholder) + kDeploy + policy).Kept().empty());
  EXPECT_EQ(RunCmp("cmp-default-deny-egress", Ns(kCardholder) + kDeploy + policy).Kept().size(),
            1u);
}

TEST(CmpDefaultDeny, PolicySelectingSomePodsOrInAnotherNamespaceDoesNotCount) {
  std::string other = R"y(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: other}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-only, namespace: pay}
spec:
  podSelector:
    matchLabels: {app: api}
  policyTypes: [Ingress]
)y";
  EXPECT_EQ(RunCmp("cmp-default-deny-ingress", Ns(kCardholder) + kDeploy + other).Kept().size(),
            1u);
}

TEST(CmpDefaultDeny, AbsentPodSelectorSelectsEveryPod) {
  std::string policy = R"y(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: pay}
spec:
  policyTypes: [Egress]
)y";
  EXPECT_TRUE(RunCmp("cmp-default-deny-egress", Ns(kCardholder) + kDeploy + policy).Kept().empty());
}

TEST(CmpDefaultDeny, EgressIsHighInInternalZoneMediumInPublicDmz) {
  auto internal =
      RunCmp("cmp-default-deny-egress",
             Ns("    compliance/zone: internal\n    compliance/data-class: public\n") + kDeploy);
  EXPECT_EQ(internal.run[0].severity, Severity::kHigh);
  auto dmz = RunCmp("cmp-default-deny-egress",
                    Ns("    compliance/zone: dmz\n    compliance/data-class: public\n") + kDeploy);
  EXPECT_EQ(dmz.run[0].severity, Severity::kMedium);
}

TEST(CmpDefaultDeny, ExemptedOnNamespace) {
  auto r = RunCmp("cmp-default-deny-egress",
                  Ns(kCardholder,
                     "    compliance/exempt-cmp-default-deny-egress: \"egress "
                     "filtered by the Cilium cluster policy CNP-2\"\n") +
                      kDeploy);
  EXPECT_TRUE(r.Kept().empty());
  EXPECT_EQ(r.exemptions.applied.size(), 1u);
}

}  // namespace
}  // namespace gori::rules
