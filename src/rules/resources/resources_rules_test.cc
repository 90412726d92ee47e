// Tests for res-cpu-limit, res-request-over-limit, res-implausible-quantity,
// res-guaranteed-qos, res-ephemeral-storage and res-namespace-quota.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;
using testing::RunRules;

constexpr char kPod[] = R"(kind: Pod
apiVersion: v1
metadata: {name: p}
spec:
  containers:
  - name: exact
    resources:
      requests: {cpu: 500m, memory: 512Mi, ephemeral-storage: 1Gi}
      limits: {cpu: 500m, memory: 512Mi, ephemeral-storage: 1Gi}
  - name: typo
    resources:
      requests: {cpu: 500, memory: 512}
      limits: {cpu: 2Gi, memory: 512m}
  - name: over
    resources:
      requests: {cpu: "1", memory: 1Gi}
      limits: {cpu: 500m, memory: 1G}
  - name: burst
    resources:
      requests: {cpu: 100m, memory: 128Mi}
      limits: {memory: 256Mi}
  - name: limits-only
    resources:
      limits: {cpu: "1", memory: 1Gi, ephemeral-storage: 2Gi}
  - name: units
    resources:
      limits: {memory: 512MB, cpu: 2k}
)";

TEST(ResOptInRules, OffByDefault) {
  EXPECT_THAT(RunRules({"res-cpu-l*", "res-guar*", "res-eph*"}, kPod).Where(), IsEmpty());
}

TEST(ResCpuLimit, MissingLimits) {
  Config c;
  c.enable = {"res-cpu-limit"};
  EXPECT_THAT(RunRules({"res-cpu-l*"}, kPod, c).Where(), ElementsAre("21:7 res-cpu-limit"));
}

TEST(ResRequestOverLimit, ComparesExactQuantities) {
  auto r = RunRule("res-request-over-limit", kPod);
  EXPECT_THAT(r.Where(), ElementsAre("12:36 res-request-over-limit", "16:23 res-request-over-limit",
                                     "16:36 res-request-over-limit"));
  EXPECT_EQ(r[2].message, "container 'over' requests 1Gi memory but its limit is 1G");
  EXPECT_EQ(r[2].path, "spec.containers[2].resources.requests.memory");
}

TEST(ResImplausibleQuantity, UnitTypos) {
  auto r = RunRule("res-implausible-quantity", kPod);
  EXPECT_THAT(r.Where(),
              ElementsAre("12:23 res-implausible-quantity", "12:36 res-implausible-quantity",
                          "13:21 res-implausible-quantity", "13:34 res-implausible-quantity",
                          "27:24 res-implausible-quantity", "27:36 res-implausible-quantity"));
  EXPECT_EQ(r[0].message,
            "container 'typo' cpu request: cpu '500' is 500 cores; did you mean 500m?");
  EXPECT_EQ(r[1].message,
            "container 'typo' memory request: '512' is 512 bytes; did you mean 512Mi?");
  EXPECT_EQ(r[2].message,
            "container 'typo' cpu limit: cpu '2Gi' uses a byte suffix; cpu is counted in cores or "
            "millicores (250m)");
  EXPECT_EQ(r[3].message,
            "container 'typo' memory limit: '512m' means 512 thousandths of a byte; did you mean "
            "512Mi?");
  EXPECT_EQ(r[4].message,
            "container 'units' memory limit: '512MB' is not a quantity; the API server rejects it");
  EXPECT_EQ(r[5].message,
            "container 'units' cpu limit: cpu '2k' is 2000 cores; no node has that many");
}

TEST(ResGuaranteedQos, RequestsEqualLimitsOrLimitsOnly) {
  Config c;
  c.enable = {"res-guaranteed-qos"};
  auto r = RunRules({"res-guar*"}, kPod, c);
  EXPECT_THAT(r.Where(), ElementsAre("11:5 res-guaranteed-qos", "15:5 res-guaranteed-qos",
                                     "19:5 res-guaranteed-qos"));
  // 'limits-only' is Guaranteed: its requests default to its limits.
  EXPECT_EQ(r[2].message, "container 'burst' is not Guaranteed QoS: cpu has no limit");
}

TEST(ResEphemeralStorage, LimitRequired) {
  Config c;
  c.enable = {"res-ephemeral-storage"};
  auto r = RunRules({"res-eph*"}, kPod, c);
  EXPECT_THAT(r.Where(), ElementsAre("13:7 res-ephemeral-storage", "17:7 res-ephemeral-storage",
                                     "21:7 res-ephemeral-storage", "27:7 res-ephemeral-storage"));
}

TEST(ResNamespaceQuota, OnTheNamespaceObjectOrWithACompleteBundle) {
  constexpr char kBundle[] = R"(apiVersion: v1
kind: Namespace
metadata: {name: pay}
---
apiVersion: v1
kind: Namespace
metadata: {name: quiet}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec: {template: {spec: {containers: [{name: a}]}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec: {template: {spec: {containers: [{name: a}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: w, namespace: unlisted}
spec: {template: {spec: {containers: [{name: a}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: w2, namespace: unlisted}
spec: {template: {spec: {containers: [{name: a}]}}}
)";
  auto r = RunRule("res-namespace-quota", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("3:18 res-namespace-quota"));
  EXPECT_EQ(r[0].message, "namespace 'pay' runs workloads but has no ResourceQuota or LimitRange");
  Config c;
  c.complete_bundle = true;
  EXPECT_THAT(RunRule("res-namespace-quota", kBundle, c).Where(),
              ElementsAre("3:18 res-namespace-quota", "25:18 res-namespace-quota"));
  std::string with_quota = std::string(kBundle) + R"(---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: pay}
)";
  EXPECT_THAT(RunRule("res-namespace-quota", with_quota).Where(), IsEmpty());
}

}  // namespace
}  // namespace gori::rules
