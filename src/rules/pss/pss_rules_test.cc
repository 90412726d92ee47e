// The pss-* rules through the engine: activation (--pss, Namespace labels), the policy each
// workload is judged at, finding messages, paths and exact positions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/pss/lib/testing.h"
#include "rules/registry.h"

namespace gori::rules::pss {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::PodYaml;
using testing::RunPss;

constexpr char kDeployment[] = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api}
    spec:
      hostNetwork: true
      initContainers:
      - name: setup
        image: busybox:1.36
        securityContext:
          runAsUser: 0
      containers:
      - name: app
        image: registry.example/api:1.0
        ports:
        - containerPort: 8080
          hostPort: 8080
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            add: [NET_ADMIN]
)";

TEST(PssRules, EveryControlHasARuleInThePssFamilyOffByDefault) {
  std::vector<std::string> ids;
  for (const Rule* r : AllRules()) {
    const RuleInfo& info = r->Info();
    if (info.family != Family::kPss) continue;
    ids.emplace_back(info.id);
    EXPECT_FALSE(info.enabled_by_default) << info.id;
    EXPECT_EQ(info.severity, Severity::kHigh) << info.id;
    EXPECT_TRUE(info.id.starts_with("pss-")) << info.id;
  }
  EXPECT_THAT(
      ids,
      ElementsAre("pss-allow-privilege-escalation", "pss-app-armor-profile",
                  "pss-capabilities-baseline", "pss-capabilities-restricted", "pss-host-namespaces",
                  "pss-host-path-volumes", "pss-host-ports", "pss-host-probes-and-host-lifecycle",
                  "pss-privileged", "pss-proc-mount", "pss-proc-mount-restricted",
                  "pss-restricted-volumes", "pss-run-as-non-root", "pss-run-as-user",
                  "pss-se-linux-options", "pss-seccomp-profile-baseline",
                  "pss-seccomp-profile-restricted", "pss-sysctls", "pss-windows-host-process"));
}

TEST(PssRules, OffWithoutPssOrLabels) {
  // Selected by glob but no policy anywhere: nothing to evaluate.
  EXPECT_EQ(RunPss(kDeployment, "").size(), 0u);
  // Default selection: the family is not active at all.
  auto all = rules::testing::RunRules({}, kDeployment);
  for (const Finding& f : all.findings) EXPECT_FALSE(f.rule_id.starts_with("pss-")) << f.rule_id;
}

TEST(PssRules, PssFlagTurnsTheFamilyOn) {
  Config config;
  config.pss = ParsePssFlag("baseline").value();
  auto all = rules::testing::RunRules({}, kDeployment, config);
  std::vector<std::string> pss;
  for (const Finding& f : all.findings) {
    if (f.rule_id.starts_with("pss-")) pss.emplace_back(f.rule_id);
  }
  EXPECT_THAT(pss,
              ElementsAre("pss-host-namespaces", "pss-host-ports", "pss-capabilities-baseline"));
  // ... unless the family is disabled.
  config.disable = {"pss"};
  auto none = rules::testing::RunRules({}, kDeployment, config);
  for (const Finding& f : none.findings) EXPECT_FALSE(f.rule_id.starts_with("pss-"));
}

TEST(PssRules, RestrictedFindingsWithPositionsPathsAndMessages) {
  auto r = RunPss(kDeployment, "restricted:v1.25");
  ASSERT_THAT(r.Where(),
              ElementsAre("10:20 pss-host-namespaces", "14:9 pss-allow-privilege-escalation",
                          "14:9 pss-capabilities-restricted", "14:9 pss-run-as-non-root",
                          "14:9 pss-seccomp-profile-restricted", "15:22 pss-run-as-user",
                          "21:21 pss-host-ports"));
  EXPECT_EQ(r[0].message,
            "host namespaces (hostNetwork=true) [PodSecurity \"restricted:v1.25\", control "
            "hostNamespaces, from --pss]");
  EXPECT_EQ(r[0].path, "spec.template.spec.hostNetwork");
  EXPECT_EQ(r[0].container, "");
  // Missing fields point at the init container's securityContext, the closest parent.
  EXPECT_EQ(r[1].message,
            "allowPrivilegeEscalation != false (container \"setup\" must set "
            "securityContext.allowPrivilegeEscalation=false) [PodSecurity \"restricted:v1.25\", "
            "control allowPrivilegeEscalation, from --pss]");
  EXPECT_EQ(r[1].path,
            "spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation");
  EXPECT_EQ(r[1].container, "setup");
  EXPECT_EQ(r[2].message,
            "unrestricted capabilities (containers \"setup\", \"app\" must set "
            "securityContext.capabilities.drop=[\"ALL\"]; container \"app\" must not include "
            "\"NET_ADMIN\" in securityContext.capabilities.add) [PodSecurity "
            "\"restricted:v1.25\", control capabilities_restricted, from --pss]");
  EXPECT_EQ(r[2].path, "spec.template.spec.initContainers[0].securityContext.capabilities.drop");
  EXPECT_EQ(r[3].message,
            "runAsNonRoot != true (pod or containers \"setup\", \"app\" must set "
            "securityContext.runAsNonRoot=true) [PodSecurity \"restricted:v1.25\", control "
            "runAsNonRoot, from --pss]");
  EXPECT_EQ(r[3].path, "spec.template.spec.initContainers[0].securityContext.runAsNonRoot");
  EXPECT_EQ(r[4].message,
            "seccompProfile (pod or containers \"setup\", \"app\" must set "
            "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\") "
            "[PodSecurity \"restricted:v1.25\", control seccompProfile_restricted, from --pss]");
  EXPECT_EQ(r[4].path, "spec.template.spec.initContainers[0].securityContext.seccompProfile");
  EXPECT_EQ(r[5].message,
            "runAsUser=0 (container \"setup\" must not set runAsUser=0) [PodSecurity "
            "\"restricted:v1.25\", control runAsUser, from --pss]");
  EXPECT_EQ(r[5].path, "spec.template.spec.initContainers[0].securityContext.runAsUser");
  EXPECT_EQ(r[6].message,
            "hostPort (container \"app\" uses hostPort 8080) [PodSecurity \"restricted:v1.25\", "
            "control hostPorts, from --pss]");
  EXPECT_EQ(r[6].path, "spec.template.spec.containers[0].ports[0].hostPort");
  EXPECT_EQ(r[6].container, "app");
  EXPECT_EQ(r[6].severity, Severity::kHigh);
  EXPECT_EQ(r[6].object->name(), "api");
}

TEST(PssRules, MissingFieldPointsAtTheContainerWithoutSecurityContext) {
  auto r = RunPss(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: app
    image: x
)",
                  "restricted");
  ASSERT_THAT(r.Where(),
              ElementsAre("9:5 pss-allow-privilege-escalation", "9:5 pss-capabilities-restricted"));
  EXPECT_EQ(r[0].message,
            "allowPrivilegeEscalation != false (container \"app\" must set "
            "securityContext.allowPrivilegeEscalation=false) [PodSecurity \"restricted:latest\", "
            "control allowPrivilegeEscalation, from --pss]");
  EXPECT_EQ(r[0].path, "spec.containers[0].securityContext.allowPrivilegeEscalation");
}

TEST(PssRules, AnnotationFindingPointsAtTheValue) {
  auto r = RunPss(R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  containers: [{name: app, image: x}]
)",
                  "baseline:v1.18");
  ASSERT_THAT(r.Where(), ElementsAre("6:47 pss-seccomp-profile-baseline"));
  EXPECT_EQ(r[0].path, "metadata.annotations[\"seccomp.security.alpha.kubernetes.io/pod\"]");
  EXPECT_EQ(r[0].message,
            "seccompProfile (forbidden annotation "
            "seccomp.security.alpha.kubernetes.io/pod=\"unconfined\") [PodSecurity "
            "\"baseline:v1.18\", control seccompProfile_baseline, from --pss]");
}

constexpr char kLabelledBundle[] = R"(apiVersion: v1
kind: Namespace
metadata:
  name: pay
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.30
---
apiVersion: v1
kind: Namespace
metadata:
  name: open
  labels:
    pod-security.kubernetes.io/enforce: privileged
---
apiVersion: v1
kind: Namespace
metadata:
  name: odd
  labels:
    pod-security.kubernetes.io/enforce: strict
    pod-security.kubernetes.io/enforce-version: v1.x
---
apiVersion: v1
kind: Namespace
metadata: {name: plain}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: pay}
spec:
  containers:
  - {name: c, image: x, securityContext: {seLinuxOptions: {type: container_engine_t}}}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: open}
spec:
  hostPID: true
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: odd}
spec:
  containers: [{name: c, image: x, securityContext: {runAsNonRoot: true}}]
---
apiVersion: v1
kind: Pod
metadata: {name: d, namespace: plain}
spec:
  hostIPC: true
  containers: [{name: c, image: x}]
)";

TEST(PssRules, NamespaceLabelsTurnTheFamilyOnAndSetTheLevel) {
  auto r = rules::testing::RunRules({"pss-*"}, kLabelledBundle);
  EXPECT_THAT(
      r.Where(),
      ElementsAre("33:66 pss-se-linux-options", "46:36 pss-allow-privilege-escalation",
                  "46:36 pss-capabilities-restricted", "46:36 pss-seccomp-profile-restricted"));
  EXPECT_EQ(r[0].message,
            "seLinuxOptions (container \"c\" set forbidden securityContext.seLinuxOptions: type "
            "\"container_engine_t\") [PodSecurity \"baseline:v1.30\", control seLinuxOptions, "
            "from namespace \"pay\" label pod-security.kubernetes.io/enforce=baseline, "
            "enforce-version=v1.30]");
  EXPECT_EQ(r[1].message,
            "allowPrivilegeEscalation != false (container \"c\" must set "
            "securityContext.allowPrivilegeEscalation=false) [PodSecurity \"restricted:latest\", "
            "control allowPrivilegeEscalation, from namespace \"odd\" label "
            "pod-security.kubernetes.io/enforce=\"strict\" (not a level: PSA enforces "
            "restricted), enforce-version=\"v1.x\" (not a version: PSA uses latest)]");
}

TEST(PssRules, LabelsWinOverThePssFlagInTheirNamespace) {
  auto r = RunPss(kLabelledBundle, "baseline:v1.31");
  // pay: labels say v1.30 (container_engine_t forbidden); open: privileged, hostPID allowed;
  // odd: restricted; plain: no label, so --pss applies.
  ASSERT_THAT(r.Where(),
              ElementsAre("33:66 pss-se-linux-options", "46:36 pss-allow-privilege-escalation",
                          "46:36 pss-capabilities-restricted",
                          "46:36 pss-seccomp-profile-restricted", "52:12 pss-host-namespaces"));
  EXPECT_EQ(r[4].message,
            "host namespaces (hostIPC=true) [PodSecurity \"baseline:v1.31\", control "
            "hostNamespaces, from --pss]");
}

TEST(PssRules, PodWithoutNamespaceUsesTheDefaultNamespaceLabels) {
  auto r = rules::testing::RunRules({"pss-*"}, R"(apiVersion: v1
kind: Namespace
metadata:
  name: default
  labels: {pod-security.kubernetes.io/enforce: baseline}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  containers: [{name: c, image: x}]
)");
  ASSERT_THAT(r.Where(), ElementsAre("11:16 pss-host-namespaces"));
}

TEST(PssRules, WorkloadWithoutTemplateHasNothingToCheck) {
  auto r = RunPss(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  template: null
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: b}
spec:
  schedule: "* * * * *"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {hostNetwork: "true"}
)",
                  "restricted");
  EXPECT_EQ(r.size(), 0u);
}

// `--rules 'pss-*' --pss baseline:v1.25`: findings only for pods PSA rejects at that policy.
TEST(PssRules, OnlyPodsPsaRejectsAtBaselineV125) {
  std::string bundle =
      PodYaml("{containers: [{name: rootful, image: x, securityContext: {runAsUser: 0}}]}") +
      "---\n" +
      PodYaml(
          "{containers: [{name: probe, image: x, livenessProbe: {httpGet: {host: h, port: "
          "1}}}]}") +
      "---\n" +
      PodYaml(
          "{hostUsers: false, containers: [{name: pm, image: x, securityContext: "
          "{procMount: Unmasked}}]}") +
      "---\n" +
      PodYaml(
          "{securityContext: {sysctls: [{name: net.ipv4.tcp_rmem, value: \"1\"}]}, "
          "containers: [{name: s, image: x}]}") +
      "---\n" +
      PodYaml(
          "{os: {name: windows}, containers: [{name: w, image: x, securityContext: "
          "{capabilities: {add: [SYS_ADMIN]}}}]}") +
      "---\n" + PodYaml(testing::kRestrictedSpec);
  auto r = RunPss(bundle, "baseline:v1.25");
  // runAsUser 0: restricted only; host probes: v1.34; hostUsers relaxation: v1.35; tcp_rmem:
  // v1.32. The procMount and sysctl pods and the windows pod are rejected at v1.25.
  ASSERT_THAT(r.Where(), ElementsAre("14:89 pss-proc-mount", "19:43 pss-sysctls",
                                     "24:101 pss-capabilities-baseline"));
  auto latest = RunPss(bundle, "baseline");
  ASSERT_THAT(latest.Where(), ElementsAre("9:77 pss-host-probes-and-host-lifecycle",
                                          "24:101 pss-capabilities-baseline"));
}

}  // namespace
}  // namespace gori::rules::pss
