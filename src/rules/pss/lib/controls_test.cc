// The PSA-equivalent evaluator: which controls run at which level/version, and each control's
// verdict and PSA wording, including every version boundary listed in the design note.
#include "rules/pss/lib/controls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/pss/lib/testing.h"

namespace gori::rules::pss {
namespace {

using ::testing::ElementsAre;
using testing::Eval;
using testing::Failing;
using testing::GoodContainer;
using ::testing::IsEmpty;
using testing::kRestrictedSpec;
using testing::PodYaml;

std::string Spec(const std::string& containers, const std::string& pod_fields = "",
                 const std::string& pod_sc = "") {
  return testing::RestrictedSpec(containers, pod_fields, pod_sc);
}

// ---- which controls run ------------------------------------------------------------------

std::vector<std::string> Running(Level level, uint32_t minor) {
  std::vector<std::string> ids;
  for (const ControlInfo& c : AllControls()) {
    if (Runs(c.control, level, minor)) ids.emplace_back(c.id);
  }
  return ids;
}

TEST(PssRuns, PrivilegedRunsNothing) {
  for (uint32_t m = 0; m <= kNewestMinor; ++m)
    EXPECT_THAT(Running(Level::kPrivileged, m), IsEmpty());
}

TEST(PssRuns, BaselineAtFirstAndLatest) {
  EXPECT_THAT(
      Running(Level::kBaseline, 0),
      ElementsAre("windowsHostProcess", "hostNamespaces", "privileged", "capabilities_baseline",
                  "hostPathVolumes", "hostPorts", "appArmorProfile", "seLinuxOptions", "procMount",
                  "seccompProfile_baseline", "sysctls"));
  EXPECT_THAT(Running(Level::kBaseline, 33), Running(Level::kBaseline, 0));
  EXPECT_THAT(
      Running(Level::kBaseline, 34),
      ElementsAre("windowsHostProcess", "hostNamespaces", "privileged", "capabilities_baseline",
                  "hostPathVolumes", "hostPorts", "appArmorProfile", "seLinuxOptions", "procMount",
                  "seccompProfile_baseline", "sysctls", "hostProbesAndHostLifecycle"));
  EXPECT_THAT(Running(Level::kBaseline, kNewestMinor), Running(Level::kBaseline, 34));
}

TEST(PssRuns, RestrictedOverridesAndFirstVersions) {
  // v1.0: restrictedVolumes replaces hostPathVolumes; seccomp and capabilities are baseline's.
  EXPECT_THAT(
      Running(Level::kRestricted, 0),
      ElementsAre("windowsHostProcess", "hostNamespaces", "privileged", "capabilities_baseline",
                  "hostPorts", "appArmorProfile", "seLinuxOptions", "procMount",
                  "seccompProfile_baseline", "sysctls", "restrictedVolumes", "runAsNonRoot"));
  EXPECT_THAT(Running(Level::kRestricted, 7), Running(Level::kRestricted, 0));
  EXPECT_THAT(Running(Level::kRestricted, 8),
              ElementsAre("windowsHostProcess", "hostNamespaces", "privileged",
                          "capabilities_baseline", "hostPorts", "appArmorProfile", "seLinuxOptions",
                          "procMount", "seccompProfile_baseline", "sysctls", "restrictedVolumes",
                          "allowPrivilegeEscalation", "runAsNonRoot"));
  EXPECT_THAT(Running(Level::kRestricted, 18), Running(Level::kRestricted, 8));
  EXPECT_THAT(Running(Level::kRestricted, 19),
              ElementsAre("windowsHostProcess", "hostNamespaces", "privileged",
                          "capabilities_baseline", "hostPorts", "appArmorProfile", "seLinuxOptions",
                          "procMount", "sysctls", "restrictedVolumes", "allowPrivilegeEscalation",
                          "runAsNonRoot", "seccompProfile_restricted"));
  EXPECT_THAT(Running(Level::kRestricted, 22),
              ElementsAre("windowsHostProcess", "hostNamespaces", "privileged", "hostPorts",
                          "appArmorProfile", "seLinuxOptions", "procMount", "sysctls",
                          "restrictedVolumes", "allowPrivilegeEscalation", "runAsNonRoot",
                          "seccompProfile_restricted", "capabilities_restricted"));
  EXPECT_THAT(Running(Level::kRestricted, 23),
              ElementsAre("windowsHostProcess", "hostNamespaces", "privileged", "hostPorts",
                          "appArmorProfile", "seLinuxOptions", "procMount", "sysctls",
                          "restrictedVolumes", "allowPrivilegeEscalation", "runAsNonRoot",
                          "runAsUser", "seccompProfile_restricted", "capabilities_restricted"));
  EXPECT_THAT(
      Running(Level::kRestricted, 35),
      ElementsAre("windowsHostProcess", "hostNamespaces", "privileged", "hostPorts",
                  "appArmorProfile", "seLinuxOptions", "sysctls", "hostProbesAndHostLifecycle",
                  "restrictedVolumes", "allowPrivilegeEscalation", "runAsNonRoot", "runAsUser",
                  "seccompProfile_restricted", "capabilities_restricted", "procMount_restricted"));
  EXPECT_THAT(Running(Level::kRestricted, kNewestMinor), Running(Level::kRestricted, 35));
}

TEST(PssEvaluate, RestrictedSpecPassesEveryVersion) {
  for (uint32_t m = 0; m <= kNewestMinor; ++m) {
    EXPECT_THAT(Failing(PodYaml(kRestrictedSpec), Level::kRestricted, m), IsEmpty()) << m;
  }
}

TEST(PssEvaluate, EmptyPodPassesRestrictedOnlyThroughPodLevelSettings) {
  // No containers at all: nothing is implicitly unset.
  EXPECT_THAT(Failing(PodYaml("{containers: []}"), Level::kRestricted, kNewestMinor), IsEmpty());
}

// ---- baseline controls -------------------------------------------------------------------

TEST(PssWindowsHostProcess, PodAndContainersNamedTogether) {
  auto e = Eval(PodYaml("{securityContext: {windowsOptions: {hostProcess: true}}, containers: "
                        "[{name: a, securityContext: {windowsOptions: {hostProcess: true}}}, "
                        "{name: ok, securityContext: {windowsOptions: {hostProcess: false}}}, "
                        "{name: b, securityContext: {windowsOptions: {hostProcess: yes}}}]}"),
                Control::kWindowsHostProcess, 0);
  ASSERT_EQ(e.text(),
            "hostProcess (pod and containers \"a\", \"b\" must not set "
            "securityContext.windowsOptions.hostProcess=true)");
  EXPECT_EQ(e.violation->path, "spec.securityContext.windowsOptions.hostProcess");
  EXPECT_EQ(e.violation->container, "");
  auto c = Eval(PodYaml("{containers: [{name: a, securityContext: {windowsOptions: "
                        "{hostProcess: true}}}]}"),
                Control::kWindowsHostProcess, kNewestMinor);
  ASSERT_EQ(c.text(),
            "hostProcess (container \"a\" must not set "
            "securityContext.windowsOptions.hostProcess=true)");
  EXPECT_EQ(c.violation->container, "a");
}

TEST(PssHostNamespaces, EachTrueFlagInOrder) {
  auto e = Eval(PodYaml("{hostIPC: true, hostPID: true, hostNetwork: true, containers: []}"),
                Control::kHostNamespaces, 0);
  ASSERT_EQ(e.text(), "host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)");
  EXPECT_EQ(e.violation->path, "spec.hostNetwork");
  EXPECT_FALSE(Eval(PodYaml("{hostNetwork: false, hostPID: null, containers: []}"),
                    Control::kHostNamespaces, 0)
                   .denied());
  EXPECT_EQ(Eval(PodYaml("{hostPID: on, containers: []}"), Control::kHostNamespaces, 0).text(),
            "host namespaces (hostPID=true)");
}

TEST(PssPrivileged, VisitsInitThenRegularThenEphemeral) {
  auto e = Eval(PodYaml("{ephemeralContainers: [{name: debug, securityContext: {privileged: "
                        "true}}], containers: [{name: app, securityContext: {privileged: "
                        "false}}], initContainers: [{name: init, restartPolicy: Always, "
                        "securityContext: {privileged: true}}]}"),
                Control::kPrivileged, 0);
  ASSERT_EQ(e.text(),
            "privileged (containers \"init\", \"debug\" must not set "
            "securityContext.privileged=true)");
  EXPECT_EQ(e.violation->path, "spec.initContainers[0].securityContext.privileged");
  EXPECT_EQ(e.violation->container, "init");
}

TEST(PssCapabilitiesBaseline, OnlyTheDefaultSetMayBeAddedAndDropIsIgnored) {
  auto e = Eval(PodYaml("{containers: [{name: a, securityContext: {capabilities: {add: "
                        "[CHOWN, SYS_ADMIN, NET_ADMIN], drop: [ALL]}}}, {name: b, "
                        "securityContext: {capabilities: {add: [NET_ADMIN]}}}, {name: c, "
                        "securityContext: {capabilities: {add: [AUDIT_WRITE, CHOWN, "
                        "DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, "
                        "SETGID, SETPCAP, SETUID, SYS_CHROOT]}}}]}"),
                Control::kCapabilitiesBaseline, 0);
  ASSERT_EQ(e.text(),
            "non-default capabilities (containers \"a\", \"b\" must not include \"NET_ADMIN\", "
            "\"SYS_ADMIN\" in securityContext.capabilities.add)");
  EXPECT_EQ(e.violation->path, "spec.containers[0].securityContext.capabilities.add[1]");
  // Exact, case-sensitive matching.
  for (const char* cap : {"chown", "CAP_CHOWN", "all", "ALL"}) {
    EXPECT_TRUE(Eval(PodYaml(std::string("{containers: [{name: a, securityContext: "
                                         "{capabilities: {add: [") +
                             cap + "]}}}]}"),
                     Control::kCapabilitiesBaseline, 0)
                    .denied())
        << cap;
  }
}

TEST(PssHostPathVolumes, NamesEveryHostPathVolume) {
  auto e = Eval(PodYaml("{volumes: [{name: logs, hostPath: {path: /var/log}}, {name: tmp, "
                        "emptyDir: {}}, {name: sock, hostPath: {path: /run/x.sock}}, {name: n, "
                        "hostPath: null}], containers: []}"),
                Control::kHostPathVolumes, 0);
  ASSERT_EQ(e.text(), "hostPath volumes (volumes \"logs\", \"sock\")");
  EXPECT_EQ(e.violation->path, "spec.volumes[0].hostPath");
}

TEST(PssHostPorts, AnyNonZeroHostPort) {
  auto e = Eval(PodYaml("{containers: [{name: a, ports: [{containerPort: 80, hostPort: 80}, "
                        "{containerPort: 443, hostPort: 443}]}, {name: zero, ports: "
                        "[{containerPort: 1, hostPort: 0}]}, {name: b, ports: [{containerPort: "
                        "80, hostPort: 80}]}]}"),
                Control::kHostPorts, 0);
  ASSERT_EQ(e.text(), "hostPort (containers \"a\", \"b\" use hostPorts 443, 80)");
  EXPECT_EQ(e.violation->path, "spec.containers[0].ports[0].hostPort");
  EXPECT_EQ(
      Eval(PodYaml("{containers: [{name: a, ports: [{hostPort: 8080}]}]}"), Control::kHostPorts, 0)
          .text(),
      "hostPort (container \"a\" uses hostPort 8080)");
  EXPECT_FALSE(Eval(PodYaml("{containers: [{name: a, ports: [{containerPort: 80, hostPort: 0}]}]}"),
                    Control::kHostPorts, 0)
                   .denied());
}

TEST(PssAppArmorProfile, FieldsAndAnnotationsAtEveryVersion) {
  std::string yaml = PodYaml(
      "{securityContext: {appArmorProfile: {type: Unconfined}}, containers: [{name: app, "
      "securityContext: {appArmorProfile: {localhostProfile: x}}}, {name: ok, securityContext: "
      "{appArmorProfile: {type: Localhost, localhostProfile: p}}}]}",
      "{container.apparmor.security.beta.kubernetes.io/app: unconfined, "
      "container.apparmor.security.beta.kubernetes.io/ok: runtime/default, "
      "container.apparmor.security.beta.kubernetes.io/x: localhost/prof, "
      "container.apparmor.security.beta.kubernetes.io/y: \"\"}");
  for (uint32_t m : {0u, 30u, kNewestMinor}) {
    auto e = Eval(yaml, Control::kAppArmorProfile, m);
    ASSERT_EQ(e.text(),
              "forbidden AppArmor profiles (pod and container \"app\" and annotation must not "
              "set AppArmor profile type to \"\", \"Unconfined\", "
              "\"container.apparmor.security.beta.kubernetes.io/app=\"unconfined\"\")");
    EXPECT_EQ(e.violation->path, "spec.securityContext.appArmorProfile.type");
  }
  auto one = Eval(PodYaml("{containers: [{name: app}]}",
                          "{container.apparmor.security.beta.kubernetes.io/whatever: "
                          "runtime/Default}"),
                  Control::kAppArmorProfile, 0);
  ASSERT_EQ(one.text(),
            "forbidden AppArmor profile (annotation must not set AppArmor profile type to "
            "\"container.apparmor.security.beta.kubernetes.io/whatever=\"runtime/Default\"\")");
  EXPECT_EQ(one.violation->path,
            "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/whatever\"]");
  EXPECT_FALSE(Eval(PodYaml("{securityContext: {appArmorProfile: {type: RuntimeDefault}}, "
                            "containers: [{name: a}]}"),
                    Control::kAppArmorProfile, 0)
                   .denied());
}

TEST(PssSeLinuxOptions, ContainerEngineTypeFromV131) {
  std::string yaml = PodYaml(
      "{securityContext: {seLinuxOptions: {type: spc_t, level: \"s0:c1\"}}, containers: [{name: "
      "a, securityContext: {seLinuxOptions: {user: system_u, role: system_r}}}, {name: b, "
      "securityContext: {seLinuxOptions: {type: container_engine_t}}}, {name: c, "
      "securityContext: {seLinuxOptions: {}}}]}");
  EXPECT_EQ(Eval(yaml, Control::kSeLinuxOptions, 30).text(),
            "seLinuxOptions (pod and containers \"a\", \"b\" set forbidden "
            "securityContext.seLinuxOptions: types \"container_engine_t\", \"spc_t\"; user may "
            "not be set; role may not be set)");
  EXPECT_EQ(Eval(yaml, Control::kSeLinuxOptions, 31).text(),
            "seLinuxOptions (pod and container \"a\" set forbidden "
            "securityContext.seLinuxOptions: type \"spc_t\"; user may not be set; role may not "
            "be set)");
  std::string engine = PodYaml(
      "{containers: [{name: b, securityContext: {seLinuxOptions: {type: container_engine_t}}}]}");
  EXPECT_TRUE(Eval(engine, Control::kSeLinuxOptions, 30).denied());
  EXPECT_FALSE(Eval(engine, Control::kSeLinuxOptions, 31).denied());
  for (const char* t : {"container_t", "container_init_t", "container_kvm_t", "\"\""}) {
    EXPECT_FALSE(Eval(PodYaml(std::string("{securityContext: {seLinuxOptions: {type: ") + t +
                              ", user: \"\", role: \"\"}}, containers: []}"),
                      Control::kSeLinuxOptions, 0)
                     .denied())
        << t;
  }
  EXPECT_TRUE(Eval(PodYaml("{securityContext: {seLinuxOptions: {type: Container_t}}, "
                           "containers: []}"),
                   Control::kSeLinuxOptions, kNewestMinor)
                  .denied());
}

TEST(PssProcMount, HostUsersFalseRelaxesBaselineFromV135Only) {
  std::string unmasked =
      "{containers: [{name: app, securityContext: {procMount: Unmasked}}, {name: ok, "
      "securityContext: {procMount: Default}}]}";
  std::string userns =
      "{hostUsers: false, containers: [{name: app, securityContext: {procMount: Unmasked}}]}";
  EXPECT_EQ(Eval(PodYaml(unmasked), Control::kProcMount, 0).text(),
            "procMount (container \"app\" must not set securityContext.procMount to \"Unmasked\")");
  EXPECT_TRUE(Eval(PodYaml(unmasked), Control::kProcMount, 35).denied());
  EXPECT_TRUE(Eval(PodYaml(userns), Control::kProcMount, 34).denied());
  EXPECT_FALSE(Eval(PodYaml(userns), Control::kProcMount, 35).denied());
  EXPECT_TRUE(Eval(PodYaml(userns), Control::kProcMountRestricted, 35).denied());
  std::string host_users_true =
      "{hostUsers: true, containers: [{name: app, securityContext: {procMount: Unmasked}}]}";
  EXPECT_TRUE(Eval(PodYaml(host_users_true), Control::kProcMount, 35).denied());
}

TEST(PssProcMount, RestrictedWithHostUsersFalse) {
  std::string userns =
      PodYaml(Spec(GoodContainer("app", "procMount: Unmasked"), "hostUsers: false"));
  EXPECT_THAT(Failing(userns, Level::kBaseline, 35), IsEmpty());
  EXPECT_THAT(Failing(userns, Level::kRestricted, 35), ElementsAre("procMount_restricted"));
  EXPECT_THAT(Failing(userns, Level::kRestricted, 34), ElementsAre("procMount"));
  EXPECT_EQ(Eval(userns, Control::kProcMountRestricted, 35).text(),
            "procMount (container \"app\" must not set securityContext.procMount to \"Unmasked\")");
}

TEST(PssSeccompBaseline, AnnotationsBeforeV119) {
  std::string yaml = PodYaml(
      "{securityContext: {seccompProfile: {type: Unconfined}}, containers: [{name: app}, {name: "
      "side}, {name: dock}, {name: loc}]}",
      "{seccomp.security.alpha.kubernetes.io/pod: unconfined, "
      "container.seccomp.security.alpha.kubernetes.io/app: unconfined, "
      "container.seccomp.security.alpha.kubernetes.io/side: \"\", "
      "container.seccomp.security.alpha.kubernetes.io/dock: docker/default, "
      "container.seccomp.security.alpha.kubernetes.io/loc: localhost/p, "
      "container.seccomp.security.alpha.kubernetes.io/notacontainer: unconfined}");
  auto e = Eval(yaml, Control::kSeccompProfileBaseline, 18);
  ASSERT_EQ(e.text(),
            "seccompProfile (forbidden annotations "
            "container.seccomp.security.alpha.kubernetes.io/app=\"unconfined\", "
            "container.seccomp.security.alpha.kubernetes.io/side=\"\", "
            "seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")");
  EXPECT_EQ(e.violation->path,
            "metadata.annotations[\"seccomp.security.alpha.kubernetes.io/pod\"]");
  EXPECT_TRUE(Eval(yaml, Control::kSeccompProfileBaseline, 0).denied());
  // From v1.19 the annotations are ignored; the Unconfined field now fails instead.
  EXPECT_EQ(Eval(yaml, Control::kSeccompProfileBaseline, 19).text(),
            "seccompProfile (pod must not set securityContext.seccompProfile.type to "
            "\"Unconfined\")");
  std::string annotations_only = PodYaml("{containers: [{name: app}]}",
                                         "{seccomp.security.alpha.kubernetes.io/pod: unconfined}");
  EXPECT_TRUE(Eval(annotations_only, Control::kSeccompProfileBaseline, 18).denied());
  EXPECT_FALSE(Eval(annotations_only, Control::kSeccompProfileBaseline, 19).denied());
  std::string fields_only =
      PodYaml("{securityContext: {seccompProfile: {type: Unconfined}}, containers: [{name: app}]}");
  EXPECT_FALSE(Eval(fields_only, Control::kSeccompProfileBaseline, 18).denied());
  EXPECT_TRUE(Eval(fields_only, Control::kSeccompProfileBaseline, 19).denied());
}

TEST(PssSeccompBaseline, FieldsFromV119JudgeEachSetter) {
  auto e = Eval(PodYaml("{securityContext: {seccompProfile: {type: RuntimeDefault}}, "
                        "containers: [{name: a, securityContext: {seccompProfile: {}}}, {name: b, "
                        "securityContext: {seccompProfile: {type: Unconfined}}}, {name: c, "
                        "securityContext: {seccompProfile: {type: unconfined}}}, {name: d, "
                        "securityContext: {seccompProfile: {type: Localhost, localhostProfile: "
                        "p.json}}}]}"),
                Control::kSeccompProfileBaseline, 19);
  ASSERT_EQ(e.text(),
            "seccompProfile (containers \"a\", \"b\", \"c\" must not set "
            "securityContext.seccompProfile.type to \"\", \"Unconfined\", \"unconfined\")");
  EXPECT_EQ(e.violation->path, "spec.containers[0].securityContext.seccompProfile.type");
  EXPECT_EQ(e.violation->container, "a");
}

std::string SysctlPod(const std::string& name) {
  return PodYaml("{securityContext: {sysctls: [{name: " + name +
                 ", value: \"1\"}]}, containers: []}");
}

TEST(PssSysctls, AllowedListGrowsAtEachVersion) {
  struct Case {
    const char* name;
    uint32_t since;
  };
  for (Case c :
       {Case{"kernel.shm_rmid_forced", 0}, Case{"net.ipv4.ip_local_port_range", 0},
        Case{"net.ipv4.tcp_syncookies", 0}, Case{"net.ipv4.ping_group_range", 0},
        Case{"net.ipv4.ip_unprivileged_port_start", 0},
        Case{"net.ipv4.ip_local_reserved_ports", 27}, Case{"net.ipv4.tcp_keepalive_time", 29},
        Case{"net.ipv4.tcp_fin_timeout", 29}, Case{"net.ipv4.tcp_keepalive_intvl", 29},
        Case{"net.ipv4.tcp_keepalive_probes", 29}, Case{"net.ipv4.tcp_rmem", 32},
        Case{"net.ipv4.tcp_wmem", 32}, Case{"net.ipv4.tcp_slow_start_after_idle", 37},
        Case{"net.ipv4.tcp_notsent_lowat", 37}}) {
    if (c.since > 0) {
      EXPECT_EQ(Eval(SysctlPod(c.name), Control::kSysctls, c.since - 1).text(),
                std::string("forbidden sysctls (") + c.name + ")");
    }
    EXPECT_FALSE(Eval(SysctlPod(c.name), Control::kSysctls, c.since).denied()) << c.name;
    EXPECT_FALSE(Eval(SysctlPod(c.name), Control::kSysctls, kNewestMinor).denied()) << c.name;
  }
}

TEST(PssSysctls, ForbiddenInWrittenOrderExactMatch) {
  auto e = Eval(PodYaml("{securityContext: {sysctls: [{name: net.core.somaxconn, value: \"1\"}, "
                        "{name: kernel.shm_rmid_forced, value: \"1\"}, {name: "
                        "Kernel.shm_rmid_forced, value: \"1\"}, {name: kernel.msgmax, value: "
                        "\"1\"}]}, containers: []}"),
                Control::kSysctls, kNewestMinor);
  ASSERT_EQ(e.text(),
            "forbidden sysctls (net.core.somaxconn, Kernel.shm_rmid_forced, kernel.msgmax)");
  EXPECT_EQ(e.violation->path, "spec.securityContext.sysctls[0].name");
}

TEST(PssHostProbes, HostInProbesAndLifecycleHandlersFromV134) {
  std::string yaml = PodYaml(
      "{containers: [{name: b, livenessProbe: {httpGet: {host: example.com, port: 80}}, "
      "readinessProbe: {tcpSocket: {host: \"\", port: 80}}, startupProbe: {grpc: {port: 9}}}, "
      "{name: a, lifecycle: {preStop: {tcpSocket: {host: 10.0.0.1, port: 1}}, postStart: "
      "{exec: {command: [x]}}}}, {name: c, lifecycle: {postStart: {sleep: {seconds: 1}}}}]}");
  auto e = Eval(yaml, Control::kHostProbesAndHostLifecycle, 34);
  ASSERT_EQ(e.text(),
            "probe or lifecycle host (containers \"a\", \"b\" use probe or lifecycle hosts "
            "\"10.0.0.1\", \"example.com\")");
  EXPECT_EQ(e.violation->path, "spec.containers[0].livenessProbe.httpGet.host");
  EXPECT_THAT(Failing(yaml, Level::kBaseline, 33), IsEmpty());
  EXPECT_THAT(Failing(yaml, Level::kBaseline, 34), ElementsAre("hostProbesAndHostLifecycle"));
  EXPECT_EQ(Eval(PodYaml("{containers: [{name: a, startupProbe: {httpGet: {host: h, port: 1}}, "
                         "lifecycle: {postStart: {httpGet: {host: h, port: 1}}}}]}"),
                 Control::kHostProbesAndHostLifecycle, kNewestMinor)
                .text(),
            "probe or lifecycle host (container \"a\" uses probe or lifecycle host \"h\")");
}

// ---- restricted controls -----------------------------------------------------------------

TEST(PssRestrictedVolumes, AllowedSourcesImplicitEmptyDirAndUnknownKeys) {
  std::string ok = PodYaml(
      "{volumes: [{name: a, configMap: {name: c}}, {name: b, csi: {driver: d}}, {name: c, "
      "downwardAPI: {}}, {name: d, emptyDir: {}}, {name: e, ephemeral: {}}, {name: f, image: "
      "{reference: r}}, {name: g, persistentVolumeClaim: {claimName: x}}, {name: h, projected: "
      "{}}, {name: i, secret: {secretName: s}}, {name: j}, {name: k, somethingNew: {}}, {name: "
      "l, hostPath: null}], containers: []}");
  EXPECT_FALSE(Eval(ok, Control::kRestrictedVolumes, 0).denied());
  auto e = Eval(PodYaml("{volumes: [{name: data, nfs: {server: s, path: /}}, {name: ok, "
                        "emptyDir: {}}, {name: logs, hostPath: {path: /var/log}}, {name: repo, "
                        "gitRepo: {repository: r}}]}"),
                Control::kRestrictedVolumes, kNewestMinor);
  ASSERT_EQ(e.text(),
            "restricted volume types (volumes \"data\", \"logs\", \"repo\" use restricted volume "
            "types \"gitRepo\", \"hostPath\", \"nfs\")");
  EXPECT_EQ(e.violation->path, "spec.volumes[0].nfs");
  for (const char* src : {"hostPath",
                          "nfs",
                          "gitRepo",
                          "iscsi",
                          "rbd",
                          "cephfs",
                          "awsElasticBlockStore",
                          "gcePersistentDisk",
                          "azureDisk",
                          "azureFile",
                          "cinder",
                          "fc",
                          "flexVolume",
                          "flocker",
                          "glusterfs",
                          "photonPersistentDisk",
                          "portworxVolume",
                          "quobyte",
                          "scaleIO",
                          "storageos",
                          "vsphereVolume"}) {
    EXPECT_EQ(Eval(PodYaml(std::string("{volumes: [{name: v, ") + src + ": {}}]}"),
                   Control::kRestrictedVolumes, 0)
                  .text(),
              std::string("restricted volume types (volume \"v\" uses restricted volume type \"") +
                  src + "\")");
  }
}

TEST(PssRestrictedVolumes, ReplacesHostPathVolumesAtRestricted) {
  std::string yaml =
      PodYaml(Spec(GoodContainer("app"), "volumes: [{name: h, hostPath: {path: /}}]"));
  EXPECT_THAT(Failing(yaml, Level::kBaseline, 0), ElementsAre("hostPathVolumes"));
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 0), ElementsAre("restrictedVolumes"));
}

TEST(PssAllowPrivilegeEscalation, FromV18AndWindowsExemptFromV125) {
  std::string yaml = PodYaml(Spec(
      "{name: a, securityContext: {capabilities: {drop: [ALL]}}}, {name: b, securityContext: "
      "{allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}}}, {name: c, "
      "securityContext: {allowPrivilegeEscalation: \"false\", capabilities: {drop: [ALL]}}}, " +
      GoodContainer("ok")));
  EXPECT_EQ(Eval(yaml, Control::kAllowPrivilegeEscalation, 8).text(),
            "allowPrivilegeEscalation != false (containers \"a\", \"b\", \"c\" must set "
            "securityContext.allowPrivilegeEscalation=false)");
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 7), IsEmpty());
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 8), ElementsAre("allowPrivilegeEscalation"));
  std::string windows = PodYaml(Spec("{name: w}", "os: {name: windows}"));
  EXPECT_TRUE(Eval(windows, Control::kAllowPrivilegeEscalation, 24).denied());
  EXPECT_FALSE(Eval(windows, Control::kAllowPrivilegeEscalation, 25).denied());
  std::string not_windows = PodYaml(Spec("{name: w}", "os: {name: Windows}"));
  EXPECT_TRUE(Eval(not_windows, Control::kAllowPrivilegeEscalation, 25).denied());
}

TEST(PssRunAsNonRoot, PodLevelFalseFailsEvenWhenEveryContainerIsTrue) {
  auto e = Eval(PodYaml("{securityContext: {runAsNonRoot: false}, containers: [{name: a, "
                        "securityContext: {runAsNonRoot: true}}]}"),
                Control::kRunAsNonRoot, 0);
  ASSERT_EQ(e.text(), "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)");
  EXPECT_EQ(e.violation->path, "spec.securityContext.runAsNonRoot");
}

TEST(PssRunAsNonRoot, ExplicitFalseBeatsUnset) {
  auto e = Eval(PodYaml("{containers: [{name: a}, {name: b, securityContext: {runAsNonRoot: "
                        "false}}, {name: c, securityContext: {runAsNonRoot: true}}]}"),
                Control::kRunAsNonRoot, 0);
  ASSERT_EQ(e.text(),
            "runAsNonRoot != true (container \"b\" must not set "
            "securityContext.runAsNonRoot=false)");
  EXPECT_EQ(e.violation->container, "b");
}

TEST(PssRunAsNonRoot, UnsetNeedsPodOrContainer) {
  auto e = Eval(PodYaml("{containers: [{name: a}, {name: b, securityContext: {runAsNonRoot: "
                        "true}}, {name: c, securityContext: {}}]}"),
                Control::kRunAsNonRoot, 0);
  ASSERT_EQ(e.text(),
            "runAsNonRoot != true (pod or containers \"a\", \"c\" must set "
            "securityContext.runAsNonRoot=true)");
  EXPECT_EQ(e.violation->path, "spec.containers[0].securityContext.runAsNonRoot");
  EXPECT_FALSE(Eval(PodYaml("{securityContext: {runAsNonRoot: true}, containers: [{name: a}]}"),
                    Control::kRunAsNonRoot, 0)
                   .denied());
}

TEST(PssRunAsNonRoot, HostUsersFalseRelaxesFromV135) {
  std::string yaml = PodYaml(
      "{hostUsers: false, securityContext: {runAsNonRoot: false}, "
      "containers: [{name: a}]}");
  EXPECT_TRUE(Eval(yaml, Control::kRunAsNonRoot, 34).denied());
  EXPECT_FALSE(Eval(yaml, Control::kRunAsNonRoot, 35).denied());
  EXPECT_FALSE(Eval(yaml, Control::kRunAsNonRoot, kNewestMinor).denied());
}

TEST(PssRunAsUser, FromV123PodAndContainersJudgedSeparately) {
  std::string yaml = PodYaml(
      Spec(GoodContainer("a", "runAsUser: 0") + ", " + GoodContainer("b", "runAsUser: 1000"), "",
           "runAsUser: 0"));
  EXPECT_EQ(Eval(yaml, Control::kRunAsUser, 23).text(),
            "runAsUser=0 (pod and container \"a\" must not set runAsUser=0)");
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 22), IsEmpty());
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 23), ElementsAre("runAsUser"));
  // A container's non-zero UID does not excuse the pod's 0.
  EXPECT_EQ(Eval(PodYaml(Spec(GoodContainer("b", "runAsUser: 1000"), "", "runAsUser: 0")),
                 Control::kRunAsUser, 23)
                .text(),
            "runAsUser=0 (pod must not set runAsUser=0)");
  std::string userns = PodYaml(Spec(GoodContainer("a", "runAsUser: 0"), "hostUsers: false"));
  EXPECT_THAT(Failing(userns, Level::kRestricted, 34), ElementsAre("runAsUser"));
  EXPECT_THAT(Failing(userns, Level::kRestricted, 35), IsEmpty());
}

TEST(PssSeccompRestricted, EveryContainerMustEndUpConfined) {
  std::string unset = PodYaml(
      "{containers: [{name: a}, {name: b, securityContext: {seccompProfile: {type: "
      "Localhost, localhostProfile: p}}}]}");
  auto e = Eval(unset, Control::kSeccompProfileRestricted, 19);
  ASSERT_EQ(e.text(),
            "seccompProfile (pod or container \"a\" must set securityContext.seccompProfile.type "
            "to \"RuntimeDefault\" or \"Localhost\")");
  EXPECT_EQ(e.violation->path, "spec.containers[0].securityContext.seccompProfile");
  EXPECT_EQ(Eval(PodYaml("{securityContext: {seccompProfile: {type: Unconfined}}, containers: "
                         "[{name: a, securityContext: {seccompProfile: {type: RuntimeDefault}}}]}"),
                 Control::kSeccompProfileRestricted, 19)
                .text(),
            "seccompProfile (pod must not set securityContext.seccompProfile.type to "
            "\"Unconfined\")");
  EXPECT_FALSE(Eval(PodYaml("{securityContext: {seccompProfile: {type: RuntimeDefault}}, "
                            "containers: [{name: a}]}"),
                    Control::kSeccompProfileRestricted, 19)
                   .denied());
}

TEST(PssSeccompRestricted, BeforeV119RestrictedChecksOnlyTheAnnotations) {
  std::string no_profile = PodYaml(
      "{securityContext: {runAsNonRoot: true}, containers: [{name: a, securityContext: "
      "{allowPrivilegeEscalation: false}}]}");
  EXPECT_THAT(Failing(no_profile, Level::kRestricted, 18), IsEmpty());
  EXPECT_THAT(Failing(no_profile, Level::kRestricted, 19),
              ElementsAre("seccompProfile_restricted"));
  std::string annotated = PodYaml(
      "{securityContext: {runAsNonRoot: true}, containers: [{name: a, securityContext: "
      "{allowPrivilegeEscalation: false}}]}",
      "{seccomp.security.alpha.kubernetes.io/pod: unconfined}");
  EXPECT_THAT(Failing(annotated, Level::kRestricted, 18), ElementsAre("seccompProfile_baseline"));
}

TEST(PssSeccompRestricted, WindowsExemptFromV125) {
  std::string windows = PodYaml(
      "{os: {name: windows}, securityContext: {runAsNonRoot: true}, containers: [{name: w}]}");
  EXPECT_TRUE(Eval(windows, Control::kSeccompProfileRestricted, 24).denied());
  EXPECT_FALSE(Eval(windows, Control::kSeccompProfileRestricted, 25).denied());
}

TEST(PssCapabilitiesRestricted, DropAllAndOnlyNetBindService) {
  auto e = Eval(
      PodYaml("{containers: [{name: a}, {name: b, securityContext: {capabilities: {drop: "
              "[all]}}}, {name: c, securityContext: {capabilities: {drop: [ALL], add: [CHOWN, "
              "NET_BIND_SERVICE]}}}, {name: d, securityContext: {capabilities: {add: "
              "[SYS_ADMIN]}}}, {name: ok, securityContext: {capabilities: {drop: [NET_RAW, ALL], "
              "add: [NET_BIND_SERVICE]}}}]}"),
      Control::kCapabilitiesRestricted, 22);
  ASSERT_EQ(e.text(),
            "unrestricted capabilities (containers \"a\", \"b\", \"d\" must set "
            "securityContext.capabilities.drop=[\"ALL\"]; containers \"c\", \"d\" must not "
            "include \"CHOWN\", \"SYS_ADMIN\" in securityContext.capabilities.add)");
  EXPECT_EQ(e.violation->path, "spec.containers[0].securityContext.capabilities.drop");
  auto add_only = Eval(PodYaml("{containers: [{name: c, securityContext: {capabilities: {drop: "
                               "[ALL], add: [NET_BIND_SERVICE, CHOWN]}}}]}"),
                       Control::kCapabilitiesRestricted, 22);
  ASSERT_EQ(add_only.text(),
            "unrestricted capabilities (container \"c\" must not include \"CHOWN\" in "
            "securityContext.capabilities.add)");
  EXPECT_EQ(add_only.violation->path, "spec.containers[0].securityContext.capabilities.add[1]");
}

TEST(PssCapabilitiesRestricted, BaselineCapabilitiesUntilV122) {
  std::string no_drop = PodYaml(
      "{securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}, "
      "containers: [{name: a, securityContext: {allowPrivilegeEscalation: false}}]}");
  EXPECT_THAT(Failing(no_drop, Level::kRestricted, 21), IsEmpty());
  EXPECT_THAT(Failing(no_drop, Level::kRestricted, 22), ElementsAre("capabilities_restricted"));
  std::string sys_admin = PodYaml(Spec(GoodContainer("a",
                                                     "capabilities: {drop: [ALL], add: "
                                                     "[SYS_ADMIN]}")));
  EXPECT_THAT(Failing(sys_admin, Level::kRestricted, 21), ElementsAre("capabilities_baseline"));
  EXPECT_THAT(Failing(sys_admin, Level::kRestricted, 22), ElementsAre("capabilities_restricted"));
}

TEST(PssWindowsPods, RestrictedOverridesLetWindowsPodsPassWhatBaselineRejects) {
  // PSA's own quirk: from v1.25 the three restricted controls exempt windows pods and, being
  // overrides, keep their baseline counterparts from running at restricted.
  std::string yaml = PodYaml(
      "{os: {name: windows}, securityContext: {runAsNonRoot: true, seccompProfile: {type: "
      "Unconfined}}, containers: [{name: w, securityContext: {capabilities: {add: "
      "[SYS_ADMIN]}}}]}");
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 25), IsEmpty());
  EXPECT_THAT(Failing(yaml, Level::kRestricted, kNewestMinor), IsEmpty());
  EXPECT_THAT(Failing(yaml, Level::kBaseline, 25),
              ElementsAre("capabilities_baseline", "seccompProfile_baseline"));
  EXPECT_THAT(Failing(yaml, Level::kRestricted, 24),
              ElementsAre("allowPrivilegeEscalation", "seccompProfile_restricted",
                          "capabilities_restricted"));
}

}  // namespace
}  // namespace gori::rules::pss
