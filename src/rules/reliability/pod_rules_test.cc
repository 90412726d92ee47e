// Tests for rel-bare-pod, rel-dns-ndots and rel-priority-class-allowed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;
using testing::RunRules;

constexpr char kPods[] = R"(apiVersion: v1
kind: Pod
metadata: {name: api, namespace: pay}
spec:
  containers: [{name: api, image: registry.example/api:1.4.2}]
---
apiVersion: v1
kind: Pod
metadata: {name: migrate, namespace: pay}
spec:
  restartPolicy: Never
  containers: [{name: m, image: registry.example/migrate:1.4.2}]
---
apiVersion: v1
kind: Pod
metadata:
  name: api-7d9f-x2
  namespace: pay
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9f, uid: u}]
spec:
  containers: [{name: api, image: registry.example/api:1.4.2}]
---
apiVersion: v1
kind: Pod
metadata:
  name: test-connection
  namespace: pay
  annotations: {helm.sh/hook: test}
spec:
  containers: [{name: t, image: busybox:1.36}]
---
apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers: [{name: etcd, image: registry.k8s.io/etcd:3.5.12-0}]
)";

TEST(RelBarePod, LongRunningPodsWithoutOwnerOnly) {
  auto r = RunRule("rel-bare-pod", kPods);
  EXPECT_THAT(r.Where(), ElementsAre("3:18 rel-bare-pod"));
  EXPECT_EQ(r[0].message,
            "Pod 'api' runs without a controller: nothing recreates it when its node fails or "
            "is drained");
  EXPECT_THAT(RunRule("rel-bare-pod", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template: {spec: {containers: [{name: api}]}}
)")
                  .Where(),
              IsEmpty());
}

constexpr char kDns[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: default-dns}
spec:
  template:
    spec:
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: tuned}
spec:
  template:
    spec:
      dnsConfig:
        options: [{name: ndots, value: "2"}]
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: high}
spec:
  template:
    spec:
      dnsConfig:
        options: [{name: timeout, value: "2"}, {name: ndots, value: "4"}]
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: node-resolver}
spec:
  template:
    spec:
      dnsPolicy: Default
      containers: [{name: a}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: a}]
)";

TEST(RelDnsNdots, OffByDefaultThenClusterDefaultAndHighValues) {
  EXPECT_THAT(RunRules({"rel-dns*"}, kDns).Where(), IsEmpty());
  Config c;
  c.enable = {"rel-dns-ndots"};
  auto r = RunRules({"rel-dns*"}, kDns, c);
  EXPECT_THAT(r.Where(), ElementsAre("6:5 rel-dns-ndots", "26:69 rel-dns-ndots"));
  EXPECT_EQ(r[0].message,
            "Deployment 'default-dns' resolves names with ndots:5 (the cluster default): each "
            "lookup of an external name goes through every search domain first");
  EXPECT_EQ(r[1].message,
            "Deployment 'high' sets ndots:4: each lookup of an external name with fewer dots "
            "goes through every search domain first");
  EXPECT_EQ(r[1].path, "spec.template.spec.dnsConfig.options");
}

constexpr char kPriority[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      priorityClassName: business-critical
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: greedy}
spec:
  template:
    spec:
      priorityClassName: system-cluster-critical
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: unset}
spec:
  template: {spec: {containers: [{name: a}]}}
)";

TEST(RelPriorityClassAllowed, OnlyListedClassesWhenConfigured) {
  Config c;
  c.enable = {"rel-priority-class-allowed"};
  EXPECT_THAT(RunRule("rel-priority-class-allowed", kPriority, c).Where(), IsEmpty());
  c.allowed_priority_classes = {"business-critical", "batch"};
  auto r = RunRule("rel-priority-class-allowed", kPriority, c);
  EXPECT_THAT(r.Where(), ElementsAre("16:26 rel-priority-class-allowed"));
  EXPECT_EQ(r[0].message,
            "Deployment 'greedy' uses PriorityClass 'system-cluster-critical', which is not one of "
            "the allowed (business-critical, batch)");
  EXPECT_EQ(r[0].path, "spec.template.spec.priorityClassName");
}

}  // namespace
}  // namespace gori::rules
