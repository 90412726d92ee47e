// Tests for res-cpu-request, res-memory-request, res-memory-limit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using testing::RunRule;

constexpr char kPod[] = R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: full
    resources:
      requests: {cpu: 100m, memory: 128Mi}
      limits: {memory: 128Mi}
  - name: limits-only
    resources:
      limits: {cpu: 1, memory: 1Gi}
  - name: none
  - name: empty
    resources: {}
  ephemeralContainers:
  - name: debug
)";

TEST(ResRequests, LimitsDefaultRequestsEphemeralExempt) {
  EXPECT_THAT(RunRule("res-cpu-request", kPod).Where(),
              ElementsAre("12:5 res-cpu-request", "14:5 res-cpu-request"));
  EXPECT_THAT(RunRule("res-memory-request", kPod).Where(),
              ElementsAre("12:5 res-memory-request", "14:5 res-memory-request"));
  auto lim = RunRule("res-memory-limit", kPod);
  EXPECT_THAT(lim.Where(), ElementsAre("12:5 res-memory-limit", "14:5 res-memory-limit"));
  EXPECT_EQ(lim[0].message, "container 'none' has no memory limit");
}

TEST(ResRequests, PodLevelResourcesCoverContainers) {
  auto r = RunRule("res-cpu-request", R"(kind: Pod
apiVersion: v1
spec:
  resources: {requests: {cpu: 1}}
  containers: [{name: a}]
)");
  EXPECT_EQ(r.size(), 0u);
}

}  // namespace
}  // namespace gori::rules
