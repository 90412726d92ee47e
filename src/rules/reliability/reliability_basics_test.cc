// Tests for rel-liveness-probe, rel-readiness-probe and rel-replicas.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using testing::RunRule;

constexpr char kBundle[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      initContainers:
      - name: migrate
      containers:
      - name: api
        livenessProbe: {httpGet: {path: /healthz, port: 8080}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: pay}
spec:
  selector: {app: api}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once, namespace: pay}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: job}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: pay}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        readinessProbe: {tcpSocket: {port: 5432}}
)";

TEST(RelProbes, LongRunningRegularContainersOnly) {
  auto live = RunRule("rel-liveness-probe", kBundle);
  EXPECT_THAT(live.Where(), ElementsAre("38:9 rel-liveness-probe"));
  auto ready = RunRule("rel-readiness-probe", kBundle);
  EXPECT_THAT(ready.Where(), ElementsAre("11:9 rel-readiness-probe"));
  EXPECT_EQ(ready[0].severity, Severity::kHigh);
  EXPECT_EQ(ready[0].message,
            "container 'api' has no readinessProbe and a Service sends it traffic");
}

TEST(RelReplicas, DefaultOneExplicitAndHpa) {
  auto r = RunRule("rel-replicas", kBundle);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].line, 4u);
  EXPECT_EQ(r[0].message,
            "Deployment 'api' runs 1 replica by default (min_replicas is 2) and no HPA scales it");
  std::string with_hpa = std::string(kBundle) + R"(---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: pay}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 10
)";
  EXPECT_EQ(RunRule("rel-replicas", with_hpa).size(), 0u);
  Config c;
  c.min_replicas = 4;
  auto strict = RunRule("rel-replicas", kBundle, c);
  EXPECT_THAT(strict.Where(), ElementsAre("4:1 rel-replicas", "33:13 rel-replicas"));
}

}  // namespace
}  // namespace gori::rules
