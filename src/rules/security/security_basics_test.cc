// Tests for sec-privileged, sec-privilege-escalation, sec-run-as-root, sec-host-*,
// sec-host-path and sec-writable-root-fs: a passing and a failing manifest each, with exact
// positions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using testing::RunRule;

constexpr char kHardened[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 10001}
      containers:
      - name: api
        image: registry.example/api:1.0
        securityContext:
          privileged: false
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
)";

constexpr char kLoose[] = R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  hostPID: true
  hostIPC: false
  volumes:
  - name: logs
    hostPath: {path: /var/log}
  - name: tmp
    emptyDir: {}
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {runAsUser: 0, allowPrivilegeEscalation: true}
  containers:
  - name: app
    image: app:1
    securityContext: {privileged: true, readOnlyRootFilesystem: false}
  - name: bare
    image: app:1
)";

TEST(SecurityBasics, HardenedWorkloadPassesEveryRule) {
  for (auto id :
       {"sec-privileged", "sec-privilege-escalation", "sec-run-as-root", "sec-host-network",
        "sec-host-pid", "sec-host-ipc", "sec-host-path", "sec-writable-root-fs"}) {
    EXPECT_EQ(RunRule(id, kHardened).size(), 0u) << id;
  }
}

TEST(SecPrivileged, PointsAtTheField) {
  auto r = RunRule("sec-privileged", kLoose);
  EXPECT_THAT(r.Where(), ElementsAre("20:35 sec-privileged"));
  EXPECT_EQ(r[0].path, "spec.containers[0].securityContext.privileged");
  EXPECT_EQ(r[0].container, "app");
  EXPECT_EQ(r[0].message, "container 'app' runs privileged");
}

TEST(SecPrivilegeEscalation, ExplicitTrueAndMissing) {
  auto r = RunRule("sec-privilege-escalation", kLoose);
  EXPECT_THAT(r.Where(),
              ElementsAre("16:63 sec-privilege-escalation", "20:5 sec-privilege-escalation",
                          "21:5 sec-privilege-escalation"));
  EXPECT_EQ(r[2].message,
            "container 'bare' does not set allowPrivilegeEscalation: false (defaults to true)");
}

TEST(SecRunAsRoot, ExplicitZeroAndUnset) {
  auto r = RunRule("sec-run-as-root", kLoose);
  EXPECT_THAT(r.Where(),
              ElementsAre("16:34 sec-run-as-root", "20:5 sec-run-as-root", "21:5 sec-run-as-root"));
  EXPECT_EQ(r[0].message, "container 'init' runs as root (runAsUser: 0)");
}

TEST(SecRunAsRoot, PodLevelNonRootCoversContainersButContainerZeroFails) {
  auto r = RunRule("sec-run-as-root", R"(kind: Pod
apiVersion: v1
spec:
  securityContext: {runAsNonRoot: true}
  containers:
  - {name: a, image: x:1}
  - {name: b, image: x:1, securityContext: {runAsUser: 0}}
)");
  EXPECT_THAT(r.Where(), ElementsAre("7:56 sec-run-as-root"));
}

TEST(SecHostNamespaces, EachFlag) {
  EXPECT_THAT(RunRule("sec-host-network", kLoose).Where(), ElementsAre("5:16 sec-host-network"));
  EXPECT_THAT(RunRule("sec-host-pid", kLoose).Where(), ElementsAre("6:12 sec-host-pid"));
  EXPECT_EQ(RunRule("sec-host-ipc", kLoose).size(), 0u);
}

TEST(SecHostPath, NamesVolumeAndPath) {
  auto r = RunRule("sec-host-path", kLoose);
  EXPECT_THAT(r.Where(), ElementsAre("10:5 sec-host-path"));
  EXPECT_EQ(r[0].message, "volume 'logs' mounts host path '/var/log'");
  EXPECT_EQ(r[0].path, "spec.volumes[0].hostPath");
}

TEST(SecWritableRootFs, FalseAndMissing) {
  auto r = RunRule("sec-writable-root-fs", kLoose);
  EXPECT_THAT(r.Where(), ElementsAre("16:5 sec-writable-root-fs", "20:65 sec-writable-root-fs",
                                     "21:5 sec-writable-root-fs"));
}

TEST(SecurityBasics, WindowsPodsSkipLinuxOnlyFields) {
  constexpr char kWindows[] = R"(kind: Pod
apiVersion: v1
spec:
  os: {name: windows}
  containers: [{name: w, image: mcr.microsoft.com/iis:10}]
)";
  EXPECT_EQ(RunRule("sec-run-as-root", kWindows).size(), 0u);
  EXPECT_EQ(RunRule("sec-privilege-escalation", kWindows).size(), 0u);
}

}  // namespace
}  // namespace gori::rules
