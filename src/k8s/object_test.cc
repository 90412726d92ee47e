#include "k8s/object.h"

#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::k8s {
namespace {

using testing::ParseYaml;

TEST(Object, IdentityAndPodTemplateOfADeployment) {
  auto p = ParseYaml(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: pay
  labels: {app: api}
spec:
  template:
    metadata:
      labels: {app: api}
      annotations: {a: b}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      initContainers:
      - name: init
        restartPolicy: Always
      containers:
      - name: app
        securityContext: {runAsUser: 2000}
      - name: side
      ephemeralContainers:
      - name: debug
)");
  ASSERT_EQ(p->objects.size(), 1u);
  const Object& o = p->objects[0];
  EXPECT_EQ(o.kind(), "Deployment");
  EXPECT_EQ(o.group(), "apps");
  EXPECT_EQ(o.name(), "api");
  EXPECT_EQ(o.namespace_(), "pay");
  EXPECT_EQ(o.Label("app")->text(), "api");
  ASSERT_NE(o.pod(), nullptr);
  const PodSpec& pod = *o.pod();
  EXPECT_EQ(pod.spec_path, "spec.template.spec");
  EXPECT_EQ(pod.Annotation("a")->text(), "b");
  ASSERT_EQ(pod.containers.size(), 4u);
  EXPECT_EQ(pod.containers[0].name, "init");
  EXPECT_TRUE(pod.containers[0].IsSidecar());
  EXPECT_EQ(pod.containers[1].name, "app");
  EXPECT_EQ(pod.containers[3].kind, ContainerKind::kEphemeral);
  EXPECT_EQ(pod.containers[2].Path(pod.spec_path), "spec.template.spec.containers[1]");
  EXPECT_EQ(pod.Effective(pod.containers[1], "runAsUser")->AsInt(), 2000);
  EXPECT_EQ(pod.Effective(pod.containers[2], "runAsUser")->AsInt(), 1000);
  EXPECT_EQ(pod.Effective(pod.containers[2], "runAsNonRoot")->AsBool(), true);
  EXPECT_EQ(pod.Effective(pod.containers[2], "runAsGroup"), nullptr);
}

TEST(Object, CronJobAndCrdTemplates) {
  auto p = ParseYaml(R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: settle}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: c}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  template:
    spec:
      containers: [{name: c}]
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: no-template}
spec: {template: null}
)");
  ASSERT_EQ(p->objects.size(), 4u);
  ASSERT_NE(p->objects[0].pod(), nullptr);
  EXPECT_EQ(p->objects[0].pod()->spec_path, "spec.jobTemplate.spec.template.spec");
  ASSERT_NE(p->objects[1].pod(), nullptr);
  EXPECT_EQ(p->objects[2].pod(), nullptr);
  EXPECT_EQ(p->objects[3].pod(), nullptr);
}

TEST(Object, ListsAreFlattenedKeepingPositions) {
  auto p = ParseYaml(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a}
  spec: {containers: [{name: c}]}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: b}
)");
  ASSERT_EQ(p->objects.size(), 2u);
  EXPECT_EQ(p->objects[0].name(), "a");
  EXPECT_EQ(p->objects[0].root()->line(), 4u);
  EXPECT_EQ(p->objects[0].pod()->spec_path, "spec");
  EXPECT_EQ(p->objects[1].kind(), "ConfigMap");
}

}  // namespace
}  // namespace gori::k8s
