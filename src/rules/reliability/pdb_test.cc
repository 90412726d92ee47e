// Tests for rel-pdb-missing, rel-pdb-no-policy, rel-pdb-blocks-eviction, rel-pdb-vs-hpa,
// rel-pdb-selects-nothing and rel-pdb-unhealthy-eviction.
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
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: pay}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: worker}}
    spec: {containers: [{name: w}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: pay}
spec:
  replicas: 1
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: canary, namespace: pay}
spec:
  template:
    metadata: {labels: {app: canary}}
    spec: {containers: [{name: c}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: canary, namespace: pay}
spec:
  scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: canary}
  minReplicas: 2
  maxReplicas: 8
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: pay}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: api}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: canary, namespace: pay}
spec:
  minAvailable: 2
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector: {matchLabels: {app: canary}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: typo, namespace: pay}
spec:
  maxUnavailable: 0%
  selector: {matchLabels: {app: wroker}}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: bare, namespace: pay}
spec: {}
)";

TEST(RelPdbMissing, MultiReplicaWorkloadsIncludingRollouts) {
  auto r = RunRule("rel-pdb-missing", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("12:18 rel-pdb-missing"));
  EXPECT_EQ(
      r[0].message,
      "Deployment 'worker' runs up to 2 replicas and no PodDisruptionBudget selects its pods");
}

TEST(RelPdbMissing, SilentWhenTheBundleCannotKnow) {
  constexpr char kAlone[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  replicas: 3
  template: {spec: {containers: [{name: api}]}}
)";
  EXPECT_THAT(RunRule("rel-pdb-missing", kAlone).Where(), IsEmpty());
  Config c;
  c.complete_bundle = true;
  EXPECT_THAT(RunRule("rel-pdb-missing", kAlone, c).Where(), ElementsAre("3:18 rel-pdb-missing"));
  std::string with_ns =
      std::string("apiVersion: v1\nkind: Namespace\nmetadata: {name: pay}\n---\n") + kAlone;
  EXPECT_THAT(RunRule("rel-pdb-missing", with_ns).Where(), ElementsAre("7:18 rel-pdb-missing"));
}

TEST(RelPdbNoPolicy, NeitherField) {
  EXPECT_THAT(RunRule("rel-pdb-no-policy", kBundle).Where(), ElementsAre("69:1 rel-pdb-no-policy"));
}

TEST(RelPdbBlocksEviction, ZeroPercentAndMinAvailableAtReplicas) {
  auto r = RunRule("rel-pdb-blocks-eviction", kBundle);
  EXPECT_THAT(r.Where(),
              ElementsAre("48:17 rel-pdb-blocks-eviction", "63:19 rel-pdb-blocks-eviction"));
  EXPECT_EQ(r[0].message,
            "PodDisruptionBudget 'api' requires 3 pods available but its workloads run 3; no pod "
            "can be evicted");
  EXPECT_EQ(r[1].message,
            "PodDisruptionBudget 'typo' sets maxUnavailable: 0%; no pod can ever be evicted");
}

TEST(RelPdbVsHpa, MinAvailableAtTheAutoscalersMinimum) {
  auto r = RunRule("rel-pdb-vs-hpa", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("55:17 rel-pdb-vs-hpa"));
  EXPECT_EQ(r[0].message,
            "PodDisruptionBudget 'canary' requires 2 pods available but HorizontalPodAutoscaler "
            "'canary' may scale Rollout 'canary' down to 2");
}

constexpr char kPercentBundle[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api, namespace: pay}
spec: {minAvailable: 90%, selector: {matchLabels: {app: api}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: api-ok, namespace: pay}
spec: {minAvailable: 60%, selector: {matchLabels: {app: api}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: pay}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: pay}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 3, maxReplicas: 9}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: pay}
spec: {minAvailable: 80%, selector: {matchLabels: {app: web}}}
)";

TEST(RelPdbBlocksEviction, PercentagesRoundUp) {
  auto r = RunRule("rel-pdb-blocks-eviction", kPercentBundle);
  EXPECT_THAT(r.Where(), ElementsAre("13:22 rel-pdb-blocks-eviction"));
  EXPECT_EQ(r[0].message,
            "PodDisruptionBudget 'api' requires 90% of 3 pods available, rounded up to 3; no pod "
            "can be evicted");
}

TEST(RelPdbVsHpa, PercentagesRoundUpAgainstTheMinimum) {
  auto r = RunRule("rel-pdb-vs-hpa", kPercentBundle);
  EXPECT_THAT(r.Where(), ElementsAre("36:22 rel-pdb-vs-hpa"));
  EXPECT_EQ(r[0].message,
            "PodDisruptionBudget 'web' requires 80% (rounded up: 3 of 3) available but "
            "HorizontalPodAutoscaler 'web' may scale Deployment 'web' down to 3");
}

TEST(RelPdbSelectsNothing, TypoAndMissingSelector) {
  auto r = RunRule("rel-pdb-selects-nothing", kBundle);
  EXPECT_THAT(r.Where(),
              ElementsAre("64:3 rel-pdb-selects-nothing", "69:1 rel-pdb-selects-nothing"));
  EXPECT_EQ(r[0].message, "PodDisruptionBudget 'typo' selects no pod in namespace 'pay'");
  EXPECT_EQ(r[1].message,
            "PodDisruptionBudget 'bare' has no selector and therefore selects no pods");
}

TEST(RelPdbSelectsNothing, OperatorCreatedPodsAndOtherNamespacesAreUnknown) {
  EXPECT_THAT(RunRule("rel-pdb-selects-nothing", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: op, namespace: db}
spec: {template: {metadata: {labels: {app: op}}, spec: {containers: [{name: op}]}}}
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: pg, namespace: db}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pg, namespace: db}
spec: {maxUnavailable: 1, selector: {matchLabels: {cnpg.io/cluster: pg}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: other, namespace: empty}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: op}}}
)")
                  .Where(),
              IsEmpty());
}

TEST(RelPdbUnhealthyEviction, PolicyV1Only) {
  EXPECT_THAT(RunRule("rel-pdb-unhealthy-eviction", kBundle).Where(),
              ElementsAre("47:1 rel-pdb-unhealthy-eviction", "62:1 rel-pdb-unhealthy-eviction"));
}

}  // namespace
}  // namespace gori::rules
