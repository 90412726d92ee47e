// Tests for rel-identical-probes, rel-probe-port and rel-probe-timing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

constexpr char kGood[] = R"(kind: Deployment
apiVersion: apps/v1
metadata: {name: api}
spec:
  template:
    spec:
      containers:
      - name: api
        ports: [{name: http, containerPort: 8080}]
        startupProbe: {httpGet: {path: /livez, port: http}, failureThreshold: 30}
        livenessProbe: {httpGet: {path: /livez, port: http}, initialDelaySeconds: 120}
        readinessProbe: {httpGet: {path: /ready, port: 8080}, timeoutSeconds: 2}
)";

TEST(RelProbes, DistinctWellTimedProbesOnDeclaredPortsPass) {
  for (auto id : {"rel-identical-probes", "rel-probe-port", "rel-probe-timing"}) {
    EXPECT_THAT(RunRule(id, kGood).Where(), IsEmpty()) << id;
  }
}

constexpr char kBad[] = R"(kind: Pod
apiVersion: v1
metadata: {name: p}
spec:
  containers:
  - name: api
    ports: [{name: http, containerPort: 8080}]
    livenessProbe:
      httpGet: {path: /ready, port: htttp}
      failureThreshold: 1
      initialDelaySeconds: 90
    readinessProbe:
      httpGet: {port: htttp, path: /ready}
      timeoutSeconds: 10
    startupProbe: {tcpSocket: {port: 9090}}
  - name: sidecar
    readinessProbe: {tcpSocket: {port: 15021}}
)";

TEST(RelIdenticalProbes, SameHandlerInAnyKeyOrder) {
  auto r = RunRule("rel-identical-probes", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("8:5 rel-identical-probes"));
  EXPECT_EQ(r[0].message,
            "container 'api' livenessProbe calls the same httpGet check as its readinessProbe");
}

TEST(RelProbePort, UnknownNameIsReportedUndeclaredNumberIsAccepted) {
  auto r = RunRule("rel-probe-port", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("9:37 rel-probe-port", "13:23 rel-probe-port"));
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[0].message,
            "container 'api' livenessProbe probes port 'htttp', which the container does not "
            "declare; the probe always fails");
  // 15:38, startupProbe on the undeclared 9090: the process may listen there.
}

TEST(RelProbePort, TcpProbeOnAUdpPortNeverSucceeds) {
  auto r = RunRule("rel-probe-port", R"(apiVersion: v1
kind: Pod
metadata: {name: dns}
spec:
  containers:
  - name: dns
    ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: metrics, containerPort: 9153}]
    livenessProbe: {tcpSocket: {port: 53}}
    readinessProbe: {tcpSocket: {port: dns}}
    startupProbe: {httpGet: {port: metrics, path: /}}
)");
  EXPECT_THAT(r.Where(), ElementsAre("8:39 rel-probe-port", "9:40 rel-probe-port"));
  EXPECT_EQ(r[0].message,
            "container 'dns' livenessProbe probes port 53 over TCP, but the container declares "
            "it as UDP; the probe always fails");
}

TEST(RelProbeTiming, TimeoutThresholdAndDelayWithStartupProbe) {
  auto r = RunRule("rel-probe-timing", kBad);
  EXPECT_THAT(r.Where(), ElementsAre("10:25 rel-probe-timing", "14:23 rel-probe-timing"));
  EXPECT_EQ(r[0].message, "container 'api' livenessProbe restarts it after a single failure");
  EXPECT_EQ(r[1].message,
            "container 'api' readinessProbe timeoutSeconds 10 is not below periodSeconds 10");
  auto d = RunRule("rel-probe-timing", R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: slow
    livenessProbe: {exec: {command: [true]}, initialDelaySeconds: 300}
)");
  EXPECT_THAT(d.Where(), ElementsAre("6:67 rel-probe-timing"));
  EXPECT_EQ(d[0].message,
            "container 'slow' livenessProbe waits 300 s before its first check; use a "
            "startupProbe for slow starts");
}

}  // namespace
}  // namespace gori::rules
