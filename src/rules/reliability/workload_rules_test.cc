// Tests for rel-spread, rel-spread-selector, rel-rollout-strategy, rel-selector-mismatch,
// rel-priority-class, rel-restart-policy, rel-cronjob-deadline, rel-job-ttl,
// rel-duplicate-env, rel-env-ref-missing, rel-graceful-shutdown, rel-statefulset-service and
// rel-revision-history.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;
using testing::RunRules;

// A well-behaved service: passes every rule of this file.
constexpr char kGood[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  replicas: 3
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: api}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: api}}
    spec:
      priorityClassName: business-critical
      terminationGracePeriodSeconds: 40
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector: {matchLabels: {app: api}}
        matchLabelKeys: [pod-template-hash]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchExpressions: [{key: pod-template-hash, operator: Exists}, {key: app, operator: In, values: [api]}]
      containers:
      - name: api
        ports: [{containerPort: 8080}]
        lifecycle: {preStop: {sleep: {seconds: 10}}}
        env:
        - {name: LOG_LEVEL, valueFrom: {configMapKeyRef: {name: api, key: LOG_LEVEL}}}
        - {name: FLAG, valueFrom: {configMapKeyRef: {name: flags, key: x, optional: true}}}
        envFrom: [{secretRef: {name: made-by-external-secrets}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api, namespace: pay}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: pay}
spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: settle, namespace: pay}
spec:
  schedule: "0 2 * * *"
  startingDeadlineSeconds: 300
  jobTemplate:
    spec:
      template:
        spec:
          priorityClassName: batch
          restartPolicy: OnFailure
          containers: [{name: settle}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: pay}
spec:
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      priorityClassName: batch
      restartPolicy: Never
      containers: [{name: migrate}]
)";

TEST(RelWorkloads, WellBehavedBundlePassesEveryRule) {
  Config c;
  c.enable = {"rel-priority-class"};
  for (auto id : {"rel-spread", "rel-spread-selector", "rel-rollout-strategy",
                  "rel-selector-mismatch", "rel-priority-class", "rel-restart-policy",
                  "rel-cronjob-deadline", "rel-job-ttl", "rel-duplicate-env", "rel-env-ref-missing",
                  "rel-graceful-shutdown", "rel-statefulset-service", "rel-revision-history"}) {
    EXPECT_THAT(RunRule(id, kGood, c).Where(), IsEmpty()) << id;
  }
}

constexpr char kBad[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: pay}
spec:
  replicas: 2
  revisionHistoryLimit: 0
  selector: {matchLabels: {app: web}}
  strategy: {type: Recreate}
  template:
    metadata: {labels: {app: webb}}
    spec:
      restartPolicy: OnFailure
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: example.com/rack, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: db}}}
          - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: nothing}}}
      containers:
      - name: web
        ports: [{containerPort: 8080}]
        env:
        - {name: MODE, value: a}
        - {name: MODE, value: b}
        - {name: DB, valueFrom: {secretKeyRef: {name: db, key: pasword}}}
        - {name: X, valueFrom: {configMapKeyRef: {name: web-confg, key: x}}}
      - name: log-shipper
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: pay}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db}]}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: pay}
stringData: {password: x}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: pay}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: pay}
spec: {selector: {app: webb}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka, namespace: pay}
spec:
  serviceName: kafka
  replicas: 3
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      terminationGracePeriodSeconds: 5
      affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: kafka}}}}]}}
      containers:
      - name: kafka
        lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 15"]}}}
---
apiVersion: v1
kind: Service
metadata: {name: kafka, namespace: pay}
spec: {selector: {app: kafka}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: zk, namespace: pay}
spec:
  serviceName: zookeeper
  template: {spec: {containers: [{name: zk}]}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: pay}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: report}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once, namespace: pay}
spec:
  template:
    spec:
      restartPolicy: Always
      containers: [{name: once}]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: hook
  namespace: pay
  annotations: {helm.sh/hook-delete-policy: hook-succeeded}
spec:
  template: {spec: {restartPolicy: Never, containers: [{name: h}]}}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: report-123
  namespace: pay
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: report, uid: u}]
spec:
  template: {spec: {restartPolicy: Never, containers: [{name: r}]}}
)";

TEST(RelSpread, HostOrZoneSpreadingRequired) {
  auto r = RunRule("rel-spread", kBad);
  EXPECT_THAT(r.Where(), IsEmpty());  // web has hostname anti-affinity, kafka zone anti-affinity
  auto alone = RunRule("rel-spread", R"(apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  replicas: 3
  template:
    spec:
      topologySpreadConstraints: [{maxSkew: 1, topologyKey: example.com/rack, whenUnsatisfiable: DoNotSchedule}]
      containers: [{name: s}]
)");
  EXPECT_THAT(alone.Where(), ElementsAre("7:5 rel-spread"));
  EXPECT_EQ(alone[0].message,
            "StatefulSet 's' runs up to 3 replicas with no anti-affinity or topology spread over "
            "hosts or zones");
}

TEST(RelSpread, AntiAffinityOnlyCountsWhenItLooksAtTheOwnNamespace) {
  constexpr char kTemplate[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: pay}
spec:
  replicas: 3
  template:
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector: {matchLabels: {app: d}}
            NAMESPACES
      containers: [{name: d}]
)";
  auto with = [&](std::string_view namespaces) {
    std::string y = kTemplate;
    y.replace(y.find("NAMESPACES"), 10, namespaces);
    return RunRule("rel-spread", y);
  };
  EXPECT_THAT(with("namespaces: [batch]").Where(), ElementsAre("7:5 rel-spread"));
  EXPECT_THAT(with("namespaces: [batch, pay]").Where(), IsEmpty());
  EXPECT_THAT(with("namespaces: []").Where(), IsEmpty());
  EXPECT_THAT(with("namespaces: [batch]\n            namespaceSelector: {}").Where(), IsEmpty());
}

TEST(RelSpreadSelector, OwnLabelsForSpreadAnythingKnownForAntiAffinity) {
  auto r = RunRule("rel-spread-selector", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("14:87 rel-spread-selector", "19:51 rel-spread-selector"));
  EXPECT_EQ(
      r[0].message,
      "topology spread constraint on 'example.com/rack' does not select the pod's own labels");
  EXPECT_EQ(r[1].message,
            "anti-affinity on 'kubernetes.io/hostname' selects neither this pod nor any pod in "
            "namespace 'pay'");
}

TEST(RelRolloutStrategy, RecreateBehindAServiceAndZeroZero) {
  auto r = RunRule("rel-rollout-strategy", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("8:20 rel-rollout-strategy"));
  EXPECT_EQ(r[0].message,
            "Deployment 'web' uses the Recreate strategy although Service 'web' sends it traffic; "
            "every rollout is an outage");
  EXPECT_THAT(RunRule("rel-rollout-strategy", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  strategy: {rollingUpdate: {maxSurge: 0%, maxUnavailable: 0}}
  template: {spec: {containers: [{name: d}]}}
)")
                  .Where(),
              ElementsAre("5:14 rel-rollout-strategy"));
}

TEST(RelSelectorMismatch, SelectorVersusTemplate) {
  auto r = RunRule("rel-selector-mismatch", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("7:3 rel-selector-mismatch"));
  EXPECT_EQ(r[0].message, "Deployment 'web' selector does not match its pod template labels");
  EXPECT_THAT(RunRule("rel-selector-mismatch", R"(apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  selector: {matchLabels: {app: r}}
  template: {metadata: {labels: {app: rr}}, spec: {containers: [{name: r}]}}
)")
                  .Where(),
              ElementsAre("5:3 rel-selector-mismatch"));
}

TEST(RelPriorityClass, OffByDefault) {
  EXPECT_THAT(RunRules({"rel-prio*"}, kBad).Where(), IsEmpty());
  Config c;
  c.enable = {"rel-priority-class"};
  EXPECT_EQ(RunRules({"rel-prio*"}, kBad, c).size(), 8u);
}

TEST(RelRestartPolicy, ControllersAndJobs) {
  auto r = RunRule("rel-restart-policy", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("12:22 rel-restart-policy", "88:9 rel-restart-policy",
                                     "97:22 rel-restart-policy"));
  EXPECT_EQ(r[0].message, "Deployment 'web' uses restartPolicy OnFailure; it accepts only Always");
  EXPECT_EQ(r[1].message,
            "CronJob 'report' pod template sets no restartPolicy; it defaults to Always, which "
            "Jobs reject");
}

TEST(RelCronjobDeadline, Missing) {
  EXPECT_THAT(RunRule("rel-cronjob-deadline", kBad).Where(),
              ElementsAre("83:1 rel-cronjob-deadline"));
}

TEST(RelJobTtl, SkipsCronJobChildrenAndHooks) {
  auto r = RunRule("rel-job-ttl", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("94:1 rel-job-ttl"));
  EXPECT_EQ(r[0].message, "Job 'once' sets no ttlSecondsAfterFinished");
}

TEST(RelDuplicateEnv, SecondOccurrence) {
  auto r = RunRule("rel-duplicate-env", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("25:18 rel-duplicate-env"));
  EXPECT_EQ(r[0].message,
            "container 'web' sets env 'MODE' again (first at line 24); this later value wins");
}

TEST(RelEnvRefMissing, MissingObjectAndMissingKey) {
  auto r = RunRule("rel-env-ref-missing", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("26:64 rel-env-ref-missing", "27:57 rel-env-ref-missing"));
  EXPECT_EQ(r[0].message,
            "container 'web' reads key 'pasword' of Secret 'db', which has no such key");
  EXPECT_EQ(r[1].message,
            "container 'web' reads ConfigMap 'web-confg', which is not in namespace 'pay'");
}

TEST(RelGracefulShutdown, NoPreStopAndShortGrace) {
  auto r = RunRule("rel-graceful-shutdown", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("21:9 rel-graceful-shutdown", "62:38 rel-graceful-shutdown"));
  EXPECT_EQ(r[0].message,
            "container 'web' serves a Service but has no preStop delay; requests still routed to "
            "it fail during shutdown");
  EXPECT_EQ(r[1].message,
            "terminationGracePeriodSeconds 5 is not longer than container 'kafka' preStop sleep "
            "of 15 s; the process is killed before it can drain");
}

TEST(RelStatefulsetService, NotHeadlessAndMissing) {
  auto r = RunRule("rel-statefulset-service", kBad);
  EXPECT_THAT(r.Where(),
              ElementsAre("56:16 rel-statefulset-service", "77:16 rel-statefulset-service"));
  EXPECT_EQ(r[0].message,
            "StatefulSet 'kafka' names Service 'kafka', which is not headless (clusterIP: None)");
  EXPECT_EQ(r[1].message,
            "StatefulSet 'zk' names Service 'zookeeper', which is not in namespace 'pay'");
}

TEST(RelStatefulsetService, HeadlessServiceMustSelectThePods) {
  constexpr char kSts[] = R"(apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: pay}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: pay}
spec:
  clusterIP: None
  SELECTOR
)";
  auto with = [&](std::string_view selector) {
    std::string y = kSts;
    y.replace(y.find("SELECTOR"), 8, selector);
    return RunRule("rel-statefulset-service", y);
  };
  EXPECT_THAT(with("selector: {app: db}").Where(), IsEmpty());
  auto typo = with("selector: {app: dbb}");
  EXPECT_THAT(typo.Where(), ElementsAre("5:16 rel-statefulset-service"));
  EXPECT_EQ(typo[0].message,
            "StatefulSet 'db' names headless Service 'db', which does not select its pods; the "
            "pods get no DNS names");
  EXPECT_THAT(with("ports: [{port: 5432}]").Where(), ElementsAre("5:16 rel-statefulset-service"));
}

TEST(RelRevisionHistory, Zero) {
  EXPECT_THAT(RunRule("rel-revision-history", kBad).Where(),
              ElementsAre("6:25 rel-revision-history"));
}

}  // namespace
}  // namespace gori::rules
