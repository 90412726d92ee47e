// Tests for rel-hpa-min-replicas, rel-hpa-min-equals-max, rel-hpa-target,
// rel-hpa-replicas-set and rel-hpa-no-requests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

constexpr char kBundle[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  replicas: 3
  template:
    spec:
      initContainers:
      - {name: migrate, image: m:1}
      containers:
      - {name: api, image: a:1, resources: {requests: {cpu: 250m}}}
      - {name: proxy, image: p:1, resources: {limits: {memory: 64Mi}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: pay}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  maxReplicas: 4
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
  - type: Resource
    resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}
  - type: ContainerResource
    containerResource: {name: memory, container: proxy, target: {type: Utilization, averageUtilization: 80}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fixed, namespace: pay}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: apii}
  minReplicas: 3
  maxReplicas: 3
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: elsewhere, namespace: other}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: rollout, namespace: pay}
spec:
  scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: canary}
  minReplicas: 2
  maxReplicas: 6
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: canary, namespace: pay}
spec:
  template:
    spec:
      containers: [{name: c, image: c:1}]
)";

TEST(RelHpaMinReplicas, DefaultOneAndConfigured) {
  auto r = RunRule("rel-hpa-min-replicas", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("17:1 rel-hpa-min-replicas"));
  EXPECT_EQ(r[0].message,
            "HorizontalPodAutoscaler 'api' may scale down to 1 replica (minReplicas defaults to 1) "
            "(min_replicas is 2)");
  Config c;
  c.min_replicas = 3;
  EXPECT_EQ(RunRule("rel-hpa-min-replicas", kBundle, c).size(), 3u);
}

TEST(RelHpaMinEqualsMax, CannotScale) {
  auto r = RunRule("rel-hpa-min-equals-max", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("34:16 rel-hpa-min-equals-max"));
}

TEST(RelHpaTarget, MissingTargetOnlyWhereTheBundleKnowsThatKind) {
  auto r = RunRule("rel-hpa-target", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("32:65 rel-hpa-target"));
  EXPECT_EQ(r[0].message,
            "HorizontalPodAutoscaler 'fixed' targets Deployment 'apii', which is not in namespace "
            "'pay'");
}

TEST(RelHpaReplicasSet, ReplicasUnderAnHpa) {
  auto r = RunRule("rel-hpa-replicas-set", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("5:13 rel-hpa-replicas-set"));
  EXPECT_EQ(r[0].message,
            "Deployment 'api' sets replicas: 3 although HorizontalPodAutoscaler 'api' scales it; "
            "every apply resets the scale");
}

TEST(RelHpaNoRequests, UtilizationMetricsNeedRequestsOfRunningContainers) {
  auto r = RunRule("rel-hpa-no-requests", kBundle);
  // cpu: 'proxy' lacks it; memory AverageValue is not a utilization; the memory
  // ContainerResource metric is met by proxy's limit. The init container does not count.
  // The Rollout's HPA has no metrics (CPU by default) and its container requests nothing.
  EXPECT_THAT(r.Where(), ElementsAre("21:5 rel-hpa-no-requests", "47:1 rel-hpa-no-requests"));
  EXPECT_EQ(r[0].message,
            "HorizontalPodAutoscaler 'api' scales Deployment 'api' on cpu utilization, but "
            "container 'proxy' requests no cpu");
}

TEST(RelHpaNoRequests, V2WithoutMetricsDefaultsToCpu) {
  auto r = RunRule("rel-hpa-no-requests", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: w}
spec: {template: {spec: {containers: [{name: a}, {name: b}]}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: w}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: w}
  maxReplicas: 4
)");
  EXPECT_THAT(r.Where(), ElementsAre("9:1 rel-hpa-no-requests"));
  EXPECT_EQ(r[0].message,
            "HorizontalPodAutoscaler 'w' scales Deployment 'w' on cpu utilization, but containers "
            "'a', 'b' request no cpu");
}

}  // namespace
}  // namespace gori::rules
