// Tests for meta-duplicate-object, meta-deprecated-api, meta-label-syntax,
// meta-default-namespace and meta-required-labels.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;
using testing::RunRules;

TEST(MetaDuplicateObject, SameIdentityOnlyWithinGroupAndNamespace) {
  auto r = RunRule("meta-duplicate-object", R"(apiVersion: v1
kind: ConfigMap
metadata: {name: api}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api, namespace: default}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api, namespace: other}
---
apiVersion: v1
kind: Service
metadata: {name: api}
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: api}
---
apiVersion: batch/v1
kind: Job
metadata: {generateName: migrate-}
---
apiVersion: batch/v1
kind: Job
metadata: {generateName: migrate-}
)");
  EXPECT_THAT(r.Where(), ElementsAre("7:18 meta-duplicate-object"));
  EXPECT_EQ(
      r[0].message,
      "ConfigMap 'api' is defined again (first at t.yaml:3); only the last copy takes effect");
}

TEST(MetaDeprecatedApi, RemovedDeprecatedAndTargetVersion) {
  constexpr char kOld[] = R"(apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: a}
---
apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: {name: b}
---
apiVersion: v1
kind: Endpoints
metadata: {name: c}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: d}
)";
  auto latest = RunRule("meta-deprecated-api", kOld);
  EXPECT_THAT(latest.Where(), ElementsAre("1:13 meta-deprecated-api", "5:13 meta-deprecated-api",
                                          "9:13 meta-deprecated-api"));
  EXPECT_EQ(latest[0].message,
            "policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; use policy/v1");
  EXPECT_EQ(latest[2].severity, Severity::kLow);
  EXPECT_EQ(latest[2].message,
            "v1 Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 "
            "EndpointSlice");
  Config c;
  c.kubernetes_version = "v1.29.4";
  auto old = RunRule("meta-deprecated-api", kOld, c);
  EXPECT_THAT(old.Where(), ElementsAre("1:13 meta-deprecated-api", "5:13 meta-deprecated-api"));
  EXPECT_EQ(old[1].severity, Severity::kLow);
  EXPECT_EQ(old[1].message,
            "flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated since Kubernetes 1.29 "
            "and removed in 1.32; use flowcontrol.apiserver.k8s.io/v1");
  c.kubernetes_version = "1.20";
  EXPECT_THAT(RunRule("meta-deprecated-api", kOld, c).Where(), IsEmpty());
}

TEST(MetaLabelSyntax, KeysValuesAndAnnotationKeys) {
  auto r = RunRule("meta-label-syntax", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app.kubernetes.io/name: payment api
    Example.com/team: pay
    version: "1.2.3"
    empty: ""
    flag: yes
  annotations:
    gori.io/ignore.rel-pdb-unhealthy-eviction.very-long-container-name-exceeding: "x"
    description: "free text is fine in annotation values: !@#"
spec:
  template:
    metadata:
      labels: {app: -api}
    spec: {containers: [{name: a}]}
)");
  EXPECT_THAT(r.Where(), ElementsAre("6:29 meta-label-syntax", "7:5 meta-label-syntax",
                                     "12:5 meta-label-syntax", "17:21 meta-label-syntax"));
  EXPECT_EQ(r[0].message,
            "label 'app.kubernetes.io/name' has an invalid value: value contains ' '");
  EXPECT_EQ(r[1].message,
            "label key 'Example.com/team' is invalid: prefix contains 'E' (lowercase DNS name "
            "expected)");
  EXPECT_EQ(r[2].message,
            "annotation key 'gori.io/ignore.rel-pdb-unhealthy-eviction.very-long-container-name-"
            "exceeding' is invalid: name part is 68 characters long (at most 63)");
  EXPECT_EQ(r[3].path, "spec.template.metadata.labels.app");
}

TEST(MetaDefaultNamespace, ExplicitOnly) {
  auto r = RunRule("meta-default-namespace", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: default}
spec: {template: {spec: {containers: [{name: a}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec: {template: {spec: {containers: [{name: a}]}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: default}
)");
  EXPECT_THAT(r.Where(), ElementsAre("3:32 meta-default-namespace"));
}

TEST(MetaRequiredLabels, ObjectAndTemplateNeverControllerLabels) {
  constexpr char kDeploy[] = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app.kubernetes.io/name: api}
spec:
  template:
    metadata: {labels: {app.kubernetes.io/name: api, owner: pay}}
    spec: {containers: [{name: a}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
)";
  Config c;
  c.required_labels = {"app.kubernetes.io/name", "owner", "pod-template-hash"};
  EXPECT_THAT(RunRules({"meta-req*"}, kDeploy, c).Where(), IsEmpty());  // off by default
  c.enable = {"meta-required-labels"};
  auto r = RunRules({"meta-req*"}, kDeploy, c);
  EXPECT_THAT(r.Where(), ElementsAre("5:3 meta-required-labels", "13:1 meta-required-labels"));
  EXPECT_EQ(r[0].message, "Deployment 'api' lacks required label owner");
  EXPECT_EQ(r[1].message, "ConfigMap 'c' lacks required labels app.kubernetes.io/name, owner");
}

TEST(MetaRequiredAnnotations, OffByDefaultThenEveryObject) {
  constexpr char kObjects[] = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  annotations: {example.com/owner: pay, example.com/runbook: "https://r.example/a"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  annotations: {example.com/owner: ""}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
)";
  Config c;
  c.required_annotations = {"example.com/owner", "example.com/runbook"};
  EXPECT_THAT(RunRules({"meta-req*"}, kObjects, c).Where(), IsEmpty());  // off by default
  c.enable = {"meta-required-annotations"};
  auto r = RunRules({"meta-req*"}, kObjects, c);
  EXPECT_THAT(r.Where(),
              ElementsAre("11:3 meta-required-annotations", "15:1 meta-required-annotations"));
  EXPECT_EQ(r[0].message,
            "ConfigMap 'b' lacks required annotations example.com/owner, example.com/runbook");
  EXPECT_EQ(r[0].path, "metadata.annotations");
}

}  // namespace
}  // namespace gori::rules
