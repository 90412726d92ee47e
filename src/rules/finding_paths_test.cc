// Field paths of findings from rules that build their paths only once they have something to
// report (so a clean admission review formats no strings): the path must still name the
// offending field exactly, with the right container index, list index and handler.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using testing::RunRule;

std::vector<std::string> Paths(const testing::Run& r) {
  std::vector<std::string> v;
  for (const Finding& f : r.findings) v.push_back(f.path + " @" + f.container);
  return v;
}

// Container 0 is clean; container 1 ("b") carries every violation.
constexpr char kDeployment[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api, "bad key!": x, flag: on}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: api}}}
      - {maxSkew: 1, topologyKey: host, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: other}}}
      containers:
      - name: a
        image: registry.example/a@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      - name: b
        image: registry.example/b:latest
        imagePullPolicy: IfNotPresent
        args: ["--x", yes]
        env:
        - {name: A, value: "1"}
        - {name: B, value: off}
        - name: C
          valueFrom: {configMapKeyRef: {name: missing, key: k}}
        envFrom:
        - configMapRef: {name: cfg}
        - secretRef: {name: gone}
        ports: [{name: http, containerPort: 8080}]
        resources: {limits: {memory: 512m}}
        securityContext:
          runAsUser: 0
          seccompProfile: {type: Unconfined}
          seLinuxOptions: {type: custom_t}
        livenessProbe: {httpGet: {path: /l, port: htttp}}
        readinessProbe: {tcpSocket: {port: 9090}, timeoutSeconds: 1, periodSeconds: 1}
        lifecycle:
          preStop: {httpGet: {host: 10.0.0.1, path: /stop, port: 8080}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: pay}
data: {k: v}
)";

TEST(FindingPaths, NameTheOffendingFieldOfTheRightContainer) {
  const std::string c = "spec.template.spec.containers[1]";
  EXPECT_THAT(
      Paths(RunRule("meta-yaml11-trap", kDeployment)),
      ElementsAre("spec.template.metadata.labels.flag @", c + ".args[1] @", c + ".env[1].value @"));
  EXPECT_THAT(Paths(RunRule("meta-label-syntax", kDeployment)),
              ElementsAre("spec.template.metadata.labels.bad key! @"));
  // The readiness probe's undeclared numeric port is accepted (the ports list is informational).
  EXPECT_THAT(Paths(RunRule("rel-probe-port", kDeployment)),
              ElementsAre(c + ".livenessProbe.httpGet.port @b"));
  EXPECT_THAT(Paths(RunRule("sec-probe-host", kDeployment)),
              ElementsAre(c + ".lifecycle.preStop.httpGet.host @b"));
  EXPECT_THAT(Paths(RunRule("res-implausible-quantity", kDeployment)),
              ElementsAre(c + ".resources.limits.memory @b"));
  EXPECT_THAT(Paths(RunRule("sup-latest-tag", kDeployment)), ElementsAre(c + ".image @b"));
  EXPECT_THAT(Paths(RunRule("sup-pull-policy", kDeployment)),
              ElementsAre(c + ".imagePullPolicy @b"));
  EXPECT_THAT(Paths(RunRule("sec-selinux-custom", kDeployment)),
              ElementsAre(c + ".securityContext.seLinuxOptions.type @b"));
  EXPECT_THAT(Paths(RunRule("sec-run-as-root", kDeployment)),
              ElementsAre("spec.template.spec.containers[0].securityContext @a",
                          c + ".securityContext.runAsUser @b"));
  EXPECT_THAT(Paths(RunRule("sec-seccomp", kDeployment)),
              ElementsAre("spec.template.spec.securityContext.seccompProfile @a",
                          c + ".securityContext.seccompProfile.type @b"));
  EXPECT_THAT(Paths(RunRule("rel-spread-selector", kDeployment)),
              ElementsAre("spec.template.spec.topologySpreadConstraints[1].labelSelector @"));
  EXPECT_THAT(Paths(RunRule("rel-env-ref-missing", kDeployment)),
              ElementsAre(c + ".env[2].valueFrom.configMapKeyRef.name @b"));
}

}  // namespace
}  // namespace gori::rules
