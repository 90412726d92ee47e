// Tests for the container-hardening rules: sec-root-group, sec-low-uid,
// sec-capabilities-not-dropped, sec-dangerous-capabilities, sec-unmasked-proc-mount,
// sec-unsafe-sysctls, sec-seccomp, sec-apparmor-unconfined, sec-selinux-custom,
// sec-windows-host-process, sec-probe-host, sec-host-port, sec-ssh-port, sec-privileged-port.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

// Passes every rule of this file.
constexpr char kHardened[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
        sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "60"}]
        seLinuxOptions: {level: "s0:c1,c2"}
      containers:
      - name: api
        image: registry.example/api:1.0
        ports: [{containerPort: 8080}]
        livenessProbe: {httpGet: {path: /healthz, port: 8080}}
        securityContext:
          capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
          procMount: Default
          appArmorProfile: {type: RuntimeDefault}
          seLinuxOptions: {type: container_t}
)";

TEST(SecurityHardening, HardenedWorkloadPassesEveryRule) {
  Config with_opt;
  with_opt.enable = {"sec-low-uid", "sec-privileged-port"};
  for (auto id :
       {"sec-root-group", "sec-low-uid", "sec-capabilities-not-dropped",
        "sec-dangerous-capabilities", "sec-unmasked-proc-mount", "sec-unsafe-sysctls",
        "sec-seccomp", "sec-apparmor-unconfined", "sec-selinux-custom", "sec-windows-host-process",
        "sec-probe-host", "sec-host-port", "sec-ssh-port", "sec-privileged-port"}) {
    EXPECT_THAT(RunRule(id, kHardened, with_opt).Where(), IsEmpty()) << id;
  }
}

TEST(SecRootGroup, ContainerPodFsGroupAndSupplemental) {
  auto r = RunRule("sec-root-group", R"(kind: Pod
apiVersion: v1
spec:
  securityContext:
    runAsGroup: 0
    fsGroup: 0
    supplementalGroups: [10, 0]
  containers:
  - {name: a, securityContext: {runAsGroup: 0}}
  - {name: b}
)");
  EXPECT_THAT(r.Where(), ElementsAre("5:17 sec-root-group", "6:14 sec-root-group",
                                     "7:30 sec-root-group", "9:45 sec-root-group"));
  EXPECT_EQ(r[0].message, "pod runs its containers with runAsGroup: 0");
  EXPECT_EQ(r[2].path, "spec.securityContext.supplementalGroups[1]");
  EXPECT_EQ(r[3].container, "a");
}

TEST(SecRootGroup, PodGroupZeroOverriddenByEveryContainerIsFine) {
  EXPECT_EQ(RunRule("sec-root-group", R"(kind: Pod
apiVersion: v1
spec:
  securityContext: {runAsGroup: 0}
  containers: [{name: a, securityContext: {runAsGroup: 5}}]
)")
                .size(),
            0u);
}

TEST(SecLowUid, OffByDefaultAndReportsEffectiveUid) {
  constexpr char kPod[] = R"(kind: Pod
apiVersion: v1
spec:
  securityContext: {runAsUser: 1000}
  containers:
  - {name: a}
  - {name: b, securityContext: {runAsUser: 20000}}
  - {name: c, securityContext: {runAsUser: 0}}
)";
  EXPECT_EQ(testing::RunRules({"sec-low-*"}, kPod).size(), 0u);  // off by default
  Config c;
  c.enable = {"sec-low-uid"};
  auto r = testing::RunRules({"sec-low-*"}, kPod, c);
  EXPECT_THAT(r.Where(), ElementsAre("4:32 sec-low-uid"));
  EXPECT_EQ(r[0].message, "container 'a' runs as UID 1000 (below 10000)");
}

TEST(SecCapabilities, DropAllExactlyAndDangerousAdds) {
  constexpr char kPod[] = R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: a
    securityContext:
      capabilities: {drop: [all], add: [cap_sys_admin, NET_BIND_SERVICE, NET_RAW]}
  - name: b
  - name: c
    securityContext: {capabilities: {drop: [ALL]}}
)";
  auto drop = RunRule("sec-capabilities-not-dropped", kPod);
  EXPECT_THAT(drop.Where(),
              ElementsAre("7:22 sec-capabilities-not-dropped", "8:5 sec-capabilities-not-dropped"));
  EXPECT_EQ(drop[0].message, "container 'a' drops some capabilities but not ALL");
  EXPECT_EQ(drop[1].message, "container 'b' does not drop ALL capabilities");
  auto add = RunRule("sec-dangerous-capabilities", kPod);
  EXPECT_THAT(add.Where(),
              ElementsAre("7:41 sec-dangerous-capabilities", "7:74 sec-dangerous-capabilities"));
  EXPECT_EQ(add[0].message, "container 'a' adds capability cap_sys_admin");
  EXPECT_EQ(add[1].path, "spec.containers[0].securityContext.capabilities.add[2]");
}

TEST(SecCapabilities, WindowsPodsHaveNoLinuxCapabilities) {
  EXPECT_EQ(RunRule("sec-capabilities-not-dropped", R"(kind: Pod
apiVersion: v1
spec:
  os: {name: windows}
  containers: [{name: w}]
)")
                .size(),
            0u);
}

TEST(SecUnmaskedProcMount, OnlyNonDefault) {
  auto r = RunRule("sec-unmasked-proc-mount", R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - {name: a, securityContext: {procMount: Unmasked}}
  - {name: b, securityContext: {procMount: Default}}
)");
  EXPECT_THAT(r.Where(), ElementsAre("5:44 sec-unmasked-proc-mount"));
}

TEST(SecUnsafeSysctls, SafeSetIsExact) {
  auto r = RunRule("sec-unsafe-sysctls", R"(kind: Pod
apiVersion: v1
spec:
  securityContext:
    sysctls:
    - {name: net.ipv4.ip_local_port_range, value: "1024 65000"}
    - {name: kernel.msgmax, value: "65536"}
    - {name: net.ipv4.tcp_syncookies.extra, value: "1"}
  containers: [{name: a}]
)");
  EXPECT_THAT(r.Where(), ElementsAre("7:14 sec-unsafe-sysctls", "8:14 sec-unsafe-sysctls"));
  EXPECT_EQ(r[0].message, "pod sets unsafe sysctl 'kernel.msgmax'");
}

TEST(SecSeccomp, MissingIsMediumUnconfinedIsHighContainerWins) {
  auto r = RunRule("sec-seccomp", R"(kind: Pod
apiVersion: v1
metadata:
  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}
spec:
  securityContext: {seccompProfile: {type: Unconfined}}
  containers:
  - {name: a}
  - {name: b, securityContext: {seccompProfile: {type: RuntimeDefault}}}
---
kind: Pod
apiVersion: v1
spec:
  containers: [{name: c}]
)");
  EXPECT_THAT(r.Where(), ElementsAre("6:44 sec-seccomp", "14:16 sec-seccomp"));
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[0].path, "spec.securityContext.seccompProfile.type");
  EXPECT_EQ(r[1].severity, Severity::kMedium);
  EXPECT_EQ(r[1].message, "container 'c' has no seccomp profile (runs Unconfined)");
}

TEST(SecApparmorUnconfined, FieldsAndAnnotation) {
  auto r = RunRule("sec-apparmor-unconfined", R"(kind: Deployment
apiVersion: apps/v1
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/a: unconfined
        container.apparmor.security.beta.kubernetes.io/b: runtime/default
    spec:
      securityContext: {appArmorProfile: {type: Unconfined}}
      containers:
      - {name: a, securityContext: {appArmorProfile: {type: Unconfined}}}
      - {name: b}
)");
  EXPECT_THAT(r.Where(),
              ElementsAre("7:59 sec-apparmor-unconfined", "10:49 sec-apparmor-unconfined",
                          "12:61 sec-apparmor-unconfined"));
  EXPECT_EQ(r[0].container, "a");
}

TEST(SecSelinuxCustom, TypeUserRoleButNotLevel) {
  auto r = RunRule("sec-selinux-custom", R"(kind: Pod
apiVersion: v1
spec:
  securityContext: {seLinuxOptions: {type: spc_t, level: "s0:c1"}}
  containers:
  - {name: a, securityContext: {seLinuxOptions: {user: system_u, type: container_init_t}}}
)");
  EXPECT_THAT(r.Where(), ElementsAre("4:44 sec-selinux-custom", "6:56 sec-selinux-custom"));
  EXPECT_EQ(r[0].message, "pod sets SELinux type 'spc_t'");
  EXPECT_EQ(r[1].message, "container 'a' sets SELinux user 'system_u'");
}

TEST(SecWindowsHostProcess, PodAndContainer) {
  auto r = RunRule("sec-windows-host-process", R"(kind: Pod
apiVersion: v1
spec:
  securityContext: {windowsOptions: {hostProcess: true}}
  containers:
  - {name: a, securityContext: {windowsOptions: {hostProcess: true}}}
  - {name: b, securityContext: {windowsOptions: {hostProcess: false}}}
)");
  EXPECT_THAT(r.Where(),
              ElementsAre("4:51 sec-windows-host-process", "6:63 sec-windows-host-process"));
}

TEST(SecProbeHost, ProbesAndLifecycle) {
  auto r = RunRule("sec-probe-host", R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: a
    readinessProbe: {tcpSocket: {host: 10.0.0.1, port: 80}}
    livenessProbe: {httpGet: {host: "", port: 80}}
    lifecycle:
      preStop: {httpGet: {host: metadata.google.internal, port: 80}}
)");
  EXPECT_THAT(r.Where(), ElementsAre("6:40 sec-probe-host", "9:33 sec-probe-host"));
  EXPECT_EQ(r[0].message, "container 'a' readinessProbe sends tcpSocket to host '10.0.0.1'");
  EXPECT_EQ(r[1].path, "spec.containers[0].lifecycle.preStop.httpGet.host");
}

constexpr char kPorts[] = R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: a
    ports:
    - {containerPort: 22}
    - {containerPort: 80, hostPort: 8080}
    - {containerPort: 9090, hostPort: 0}
)";

TEST(SecPorts, HostSshAndPrivileged) {
  EXPECT_THAT(RunRule("sec-host-port", kPorts).Where(), ElementsAre("8:37 sec-host-port"));
  EXPECT_THAT(RunRule("sec-ssh-port", kPorts).Where(), ElementsAre("7:23 sec-ssh-port"));
  EXPECT_EQ(testing::RunRules({"sec-privileged-p*"}, kPorts).size(), 0u);  // off by default
  Config c;
  c.enable = {"sec-privileged-port"};
  EXPECT_THAT(testing::RunRules({"sec-privileged-p*"}, kPorts, c).Where(),
              ElementsAre("7:23 sec-privileged-port", "8:23 sec-privileged-port"));
}

TEST(SecHostPort, HostNetworkIsHostNetworksFinding) {
  EXPECT_EQ(RunRule("sec-host-port", R"(kind: Pod
apiVersion: v1
spec:
  hostNetwork: true
  containers: [{name: a, ports: [{containerPort: 80, hostPort: 80}]}]
)")
                .size(),
            0u);
}

}  // namespace
}  // namespace gori::rules
