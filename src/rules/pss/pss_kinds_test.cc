// Verdict table: each fixture pod — valid, breaking exactly one control, or sitting on a
// version boundary — wrapped in every workload kind, must give the same failing controls at
// each policy. The verdicts are PSA's (design note PSS.md), not gori's opinion.
#include <algorithm>
#include <cctype>

#include <gtest/gtest.h>

#include "rules/pss/lib/testing.h"

namespace gori::rules::pss {
namespace {

using testing::GoodContainer;
using testing::kRestrictedSpec;
using testing::RestrictedSpec;

struct Expect {
  const char* policy;                 // --pss value
  std::vector<std::string> controls;  // PSA check ids that fail
};

struct Fixture {
  const char* name;
  std::string annotations;  // flow map
  std::string spec;         // flow map
  std::vector<Expect> expect;
};

std::string Bare(const std::string& containers, const std::string& pod_fields = "") {
  return "{" + pod_fields + (pod_fields.empty() ? "" : ", ") + "containers: [" + containers + "]}";
}

std::string SysctlSpec(const std::string& name) {
  return RestrictedSpec(GoodContainer("app"), "", "sysctls: [{name: " + name + ", value: \"1\"}]");
}

const std::vector<Fixture>& Fixtures() {
  static const std::vector<Fixture> kFixtures = {
      {"restricted_clean",
       "{}",
       kRestrictedSpec,
       {{"restricted:v1.0", {}},
        {"restricted:v1.25", {}},
        {"restricted", {}},
        {"baseline", {}},
        {"privileged", {}}}},
      {"baseline_clean",
       "{}",
       Bare("{name: app, image: x}"),
       {{"baseline:v1.0", {}},
        {"baseline", {}},
        {"privileged", {}},
        {"restricted:v1.0", {"runAsNonRoot"}},
        {"restricted:v1.8", {"allowPrivilegeEscalation", "runAsNonRoot"}},
        {"restricted:v1.19",
         {"allowPrivilegeEscalation", "runAsNonRoot", "seccompProfile_restricted"}},
        {"restricted",
         {"allowPrivilegeEscalation", "runAsNonRoot", "seccompProfile_restricted",
          "capabilities_restricted"}}}},
      {"windows_host_process",
       "{}",
       RestrictedSpec(GoodContainer("app"), "", "windowsOptions: {hostProcess: true}"),
       {{"baseline:v1.0", {"windowsHostProcess"}}, {"restricted", {"windowsHostProcess"}}}},
      {"host_pid",
       "{}",
       RestrictedSpec(GoodContainer("app"), "hostPID: true"),
       {{"baseline:v1.0", {"hostNamespaces"}}, {"restricted", {"hostNamespaces"}}}},
      {"privileged_container",
       "{}",
       RestrictedSpec(GoodContainer("app", "privileged: true")),
       {{"baseline", {"privileged"}}, {"restricted:v1.0", {"privileged"}}}},
      {"capability_sys_admin",
       "{}",
       RestrictedSpec(GoodContainer("app", "capabilities: {drop: [ALL], add: [SYS_ADMIN]}")),
       {{"baseline", {"capabilities_baseline"}},
        {"restricted:v1.21", {"capabilities_baseline"}},
        {"restricted:v1.22", {"capabilities_restricted"}}}},
      {"capability_chown",
       "{}",
       RestrictedSpec(GoodContainer("app", "capabilities: {drop: [ALL], add: [CHOWN]}")),
       {{"baseline", {}},
        {"restricted:v1.21", {}},
        {"restricted:v1.22", {"capabilities_restricted"}}}},
      {"host_path_volume",
       "{}",
       RestrictedSpec(GoodContainer("app"), "volumes: [{name: h, hostPath: {path: /var/log}}]"),
       {{"baseline", {"hostPathVolumes"}}, {"restricted:v1.0", {"restrictedVolumes"}}}},
      {"nfs_volume",
       "{}",
       RestrictedSpec(GoodContainer("app"), "volumes: [{name: n, nfs: {server: s, path: /}}]"),
       {{"baseline", {}}, {"restricted", {"restrictedVolumes"}}}},
      {"implicit_empty_dir_volume",
       "{}",
       RestrictedSpec(GoodContainer("app"), "volumes: [{name: scratch}]"),
       {{"restricted", {}}}},
      {"host_port",
       "{}",
       RestrictedSpec("{name: app, image: x, ports: [{containerPort: 80, hostPort: 80}], "
                      "securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: "
                      "[ALL]}}}"),
       {{"baseline:v1.0", {"hostPorts"}}, {"restricted", {"hostPorts"}}}},
      {"ephemeral_host_port",
       "{}",
       RestrictedSpec(GoodContainer("app"))
           .insert(1,
                   "ephemeralContainers: [{name: dbg, image: x, "
                   "ports: [{hostPort: 9}], securityContext: "
                   "{allowPrivilegeEscalation: false, "
                   "capabilities: {drop: [ALL]}}}], "),
       {{"baseline", {"hostPorts"}}, {"restricted", {"hostPorts"}}}},
      {"apparmor_annotation",
       "{container.apparmor.security.beta.kubernetes.io/app: unconfined}",
       kRestrictedSpec,
       {{"baseline:v1.0", {"appArmorProfile"}}, {"restricted", {"appArmorProfile"}}}},
      {"apparmor_field",
       "{}",
       RestrictedSpec(GoodContainer("app", "appArmorProfile: {type: Unconfined}")),
       {{"baseline:v1.0", {"appArmorProfile"}}, {"baseline", {"appArmorProfile"}}}},
      {"selinux_container_engine_t",
       "{}",
       RestrictedSpec(GoodContainer("app", "seLinuxOptions: {type: container_engine_t}")),
       {{"baseline:v1.30", {"seLinuxOptions"}},
        {"baseline:v1.31", {}},
        {"restricted:v1.30", {"seLinuxOptions"}},
        {"restricted:v1.31", {}}}},
      {"selinux_user",
       "{}",
       RestrictedSpec(GoodContainer("app"), "", "seLinuxOptions: {user: u}"),
       {{"baseline", {"seLinuxOptions"}}}},
      {"proc_mount_unmasked",
       "{}",
       RestrictedSpec(GoodContainer("app", "procMount: Unmasked")),
       {{"baseline:v1.0", {"procMount"}},
        {"baseline", {"procMount"}},
        {"restricted:v1.34", {"procMount"}},
        {"restricted:v1.35", {"procMount_restricted"}}}},
      {"proc_mount_unmasked_userns",
       "{}",
       RestrictedSpec(GoodContainer("app", "procMount: Unmasked"), "hostUsers: false"),
       {{"baseline:v1.34", {"procMount"}},
        {"baseline:v1.35", {}},
        {"baseline", {}},
        {"restricted:v1.35", {"procMount_restricted"}}}},
      {"seccomp_annotation_unconfined",
       "{seccomp.security.alpha.kubernetes.io/pod: unconfined}",
       kRestrictedSpec,
       {{"baseline:v1.18", {"seccompProfile_baseline"}},
        {"baseline:v1.19", {}},
        {"restricted:v1.18", {"seccompProfile_baseline"}},
        {"restricted:v1.19", {}}}},
      {"seccomp_container_annotation_unconfined",
       "{container.seccomp.security.alpha.kubernetes.io/app: unconfined, "
       "container.seccomp.security.alpha.kubernetes.io/other: unconfined}",
       kRestrictedSpec,
       {{"baseline:v1.0", {"seccompProfile_baseline"}}}},
      {"seccomp_field_unconfined",
       "{}",
       "{securityContext: {runAsNonRoot: true, seccompProfile: {type: Unconfined}}, containers: "
       "[" +
           GoodContainer("app") + "]}",
       {{"baseline:v1.18", {}},
        {"baseline:v1.19", {"seccompProfile_baseline"}},
        {"restricted:v1.18", {}},
        {"restricted:v1.19", {"seccompProfile_restricted"}}}},
      {"sysctl_reserved_ports",
       "{}",
       SysctlSpec("net.ipv4.ip_local_reserved_ports"),
       {{"baseline:v1.26", {"sysctls"}}, {"baseline:v1.27", {}}}},
      {"sysctl_keepalive_time",
       "{}",
       SysctlSpec("net.ipv4.tcp_keepalive_time"),
       {{"baseline:v1.28", {"sysctls"}}, {"baseline:v1.29", {}}}},
      {"sysctl_tcp_wmem",
       "{}",
       SysctlSpec("net.ipv4.tcp_wmem"),
       {{"baseline:v1.31", {"sysctls"}}, {"baseline:v1.32", {}}, {"restricted:v1.32", {}}}},
      {"sysctl_notsent_lowat",
       "{}",
       SysctlSpec("net.ipv4.tcp_notsent_lowat"),
       {{"baseline:v1.36", {"sysctls"}},
        {"baseline:v1.37", {}},
        {"baseline", {}},
        {"baseline:v1.99", {}}}},
      {"sysctl_unsafe",
       "{}",
       SysctlSpec("net.core.somaxconn"),
       {{"baseline:v1.0", {"sysctls"}}, {"restricted", {"sysctls"}}}},
      {"probe_host",
       "{}",
       RestrictedSpec(GoodContainer("app").insert(1,
                                                  "readinessProbe: {tcpSocket: {host: "
                                                  "10.0.0.1, port: 1}}, ")),
       {{"baseline:v1.33", {}},
        {"baseline:v1.34", {"hostProbesAndHostLifecycle"}},
        {"restricted", {"hostProbesAndHostLifecycle"}}}},
      {"lifecycle_host",
       "{}",
       RestrictedSpec(GoodContainer("app").insert(1,
                                                  "lifecycle: {preStop: {httpGet: {host: "
                                                  "example.com, port: 80}}}, ")),
       {{"baseline:v1.33", {}}, {"baseline:v1.34", {"hostProbesAndHostLifecycle"}}}},
      {"allow_privilege_escalation_unset",
       "{}",
       RestrictedSpec("{name: app, image: x, securityContext: {capabilities: {drop: [ALL]}}}"),
       {{"restricted:v1.7", {}},
        {"restricted:v1.8", {"allowPrivilegeEscalation"}},
        {"baseline", {}}}},
      {"windows_pod_unhardened",
       "{}",
       Bare("{name: w, image: x}", "os: {name: windows}, securityContext: {runAsNonRoot: true}"),
       {{"restricted:v1.24",
         {"allowPrivilegeEscalation", "seccompProfile_restricted", "capabilities_restricted"}},
        {"restricted:v1.25", {}},
        {"restricted", {}}}},
      {"windows_pod_sys_admin_unconfined",
       "{}",
       Bare("{name: w, image: x, securityContext: {capabilities: {add: [SYS_ADMIN]}}}",
            "os: {name: windows}, securityContext: {runAsNonRoot: true, seccompProfile: {type: "
            "Unconfined}}"),
       {{"restricted:v1.25", {}},
        {"baseline:v1.25", {"capabilities_baseline", "seccompProfile_baseline"}}}},
      {"run_as_non_root_pod_false",
       "{}",
       "{securityContext: {runAsNonRoot: false, seccompProfile: {type: RuntimeDefault}}, "
       "containers: [" +
           GoodContainer("app", "runAsNonRoot: true") + "]}",
       {{"baseline", {}}, {"restricted:v1.0", {"runAsNonRoot"}}, {"restricted", {"runAsNonRoot"}}}},
      {"run_as_non_root_unset_userns",
       "{}",
       "{hostUsers: false, securityContext: {seccompProfile: {type: RuntimeDefault}}, "
       "containers: [" +
           GoodContainer("app") + "]}",
       {{"restricted:v1.34", {"runAsNonRoot"}}, {"restricted:v1.35", {}}}},
      {"run_as_user_zero",
       "{}",
       RestrictedSpec(GoodContainer("app", "runAsUser: 0")),
       {{"restricted:v1.22", {}}, {"restricted:v1.23", {"runAsUser"}}, {"baseline", {}}}},
      {"run_as_user_zero_userns",
       "{}",
       RestrictedSpec(GoodContainer("app"), "hostUsers: false", "runAsUser: 0"),
       {{"restricted:v1.34", {"runAsUser"}}, {"restricted:v1.35", {}}}},
      {"capabilities_drop_missing",
       "{}",
       RestrictedSpec("{name: app, image: x, securityContext: {allowPrivilegeEscalation: false}}"),
       {{"restricted:v1.21", {}}, {"restricted:v1.22", {"capabilities_restricted"}}}},
      {"init_sidecar_privileged",
       "{}",
       RestrictedSpec(GoodContainer("app"))
           .insert(1,
                   "initContainers: [{name: proxy, image: x, "
                   "restartPolicy: Always, securityContext: "
                   "{privileged: true, allowPrivilegeEscalation: "
                   "false, capabilities: {drop: [ALL]}}}], "),
       {{"baseline:v1.0", {"privileged"}}, {"restricted", {"privileged"}}}},
  };
  return kFixtures;
}

struct Kind {
  const char* name;
  std::string (*wrap)(const std::string& annotations, const std::string& spec);
};

std::string Template(const std::string& annotations, const std::string& spec) {
  return "{metadata: {labels: {app: w}, annotations: " + annotations + "}, spec: " + spec + "}";
}

std::string Controller(const char* api, const char* kind, const std::string& a,
                       const std::string& s) {
  return std::string("apiVersion: ") + api + "\nkind: " + kind +
         "\nmetadata: {name: w}\nspec: {selector: {matchLabels: {app: w}}, template: " +
         Template(a, s) + "}\n";
}

const Kind kKinds[] = {
    {"Pod",
     [](const std::string& a, const std::string& s) {
       return "apiVersion: v1\nkind: Pod\nmetadata: {name: w, annotations: " + a + "}\nspec: " + s +
              "\n";
     }},
    {"PodTemplate",
     [](const std::string& a, const std::string& s) {
       return "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: w}\ntemplate: " +
              Template(a, s) + "\n";
     }},
    {"Deployment", [](const std::string& a,
                      const std::string& s) { return Controller("apps/v1", "Deployment", a, s); }},
    {"StatefulSet",
     [](const std::string& a, const std::string& s) {
       return Controller("apps/v1", "StatefulSet", a, s);
     }},
    {"DaemonSet", [](const std::string& a,
                     const std::string& s) { return Controller("apps/v1", "DaemonSet", a, s); }},
    {"ReplicaSet", [](const std::string& a,
                      const std::string& s) { return Controller("apps/v1", "ReplicaSet", a, s); }},
    {"ReplicationController",
     [](const std::string& a, const std::string& s) {
       return Controller("v1", "ReplicationController", a, s);
     }},
    {"Job",
     [](const std::string& a, const std::string& s) {
       return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: w}\nspec: {template: " +
              Template(a, s) + "}\n";
     }},
    {"CronJob",
     [](const std::string& a, const std::string& s) {
       return "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec: {schedule: \"0 "
              "* * * *\", jobTemplate: {spec: {template: " +
              Template(a, s) + "}}}\n";
     }},
    {"Rollout",
     [](const std::string& a, const std::string& s) {
       return Controller("argoproj.io/v1alpha1", "Rollout", a, s);
     }},
};

// runAsNonRoot -> pss-run-as-non-root, seccompProfile_restricted -> pss-seccomp-profile-...
std::string RuleId(std::string_view control) {
  std::string id = "pss-";
  for (char c : control) {
    if (c == '_') {
      id += '-';
    } else if (std::isupper(static_cast<unsigned char>(c))) {
      id += '-';
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      id += c;
    }
  }
  return id;
}

TEST(PssKinds, RuleIdsAreKebabCaseOfTheControlIds) {
  EXPECT_EQ(RuleId("runAsNonRoot"), "pss-run-as-non-root");
  EXPECT_EQ(RuleId("seccompProfile_restricted"), "pss-seccomp-profile-restricted");
  EXPECT_EQ(RuleId("hostProbesAndHostLifecycle"), "pss-host-probes-and-host-lifecycle");
}

TEST(PssKinds, EveryFixtureGivesTheSameVerdictInEveryWorkloadKind) {
  std::size_t runs = 0;
  for (const Fixture& f : Fixtures()) {
    for (const Kind& k : kKinds) {
      std::string yaml = k.wrap(f.annotations, f.spec);
      for (const Expect& e : f.expect) {
        auto r = testing::RunPss(yaml, e.policy);
        std::vector<std::string> got;
        for (const Finding& finding : r.findings) {
          got.emplace_back(finding.rule_id);
          EXPECT_EQ(finding.object->kind(), k.name);
        }
        std::vector<std::string> want;
        for (const std::string& c : e.controls) want.push_back(RuleId(c));
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        EXPECT_EQ(got, want) << f.name << " as " << k.name << " at " << e.policy << "\n" << yaml;
        ++runs;
      }
    }
  }
  EXPECT_GT(runs, 800u);
}

TEST(PssKinds, EveryControlIsBrokenAloneBySomeFixture) {
  std::vector<std::string> alone;
  for (const Fixture& f : Fixtures()) {
    for (const Expect& e : f.expect) {
      if (e.controls.size() == 1) alone.push_back(e.controls[0]);
    }
  }
  for (const ControlInfo& c : AllControls()) {
    EXPECT_NE(std::find(alone.begin(), alone.end(), c.id), alone.end()) << c.id;
  }
}

}  // namespace
}  // namespace gori::rules::pss
