// Tests for the rbac-* rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

constexpr char kRoles[] = R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: [get]
- apiGroups: [""]
  resources: [secrets, pods/exec, pods, nodes/proxy, persistentvolumes, serviceaccounts/token]
  verbs: [get, list, create]
- apiGroups: [apps]
  resources: [deployments]
  verbs: ["*"]
- apiGroups: [certificates.k8s.io]
  resources: [certificatesigningrequests/approval]
  verbs: [update]
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations]
  verbs: [patch]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [escalate, bind]
- apiGroups: [""]
  resources: [users]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules:
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [api-tls]
  verbs: [get]
- apiGroups: [""]
  resources: [pods, pods/log, configmaps]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: getter, namespace: app}
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
)";

TEST(RbacWildcard, OneFindingPerRuleListingFields) {
  auto r = RunRule("rbac-wildcard", kRoles);
  EXPECT_THAT(r.Where(),
              ElementsAre("6:15 rbac-wildcard", "13:11 rbac-wildcard", "25:11 rbac-wildcard"));
  EXPECT_EQ(r[0].message, "ClusterRole 'ops' uses '*' in resources, apiGroups");
  EXPECT_EQ(r[0].path, "rules[0].resources[0]");
}

TEST(RbacSecretsRead, BulkAndClusterWideAreCriticalNamedGetIsFine) {
  auto r = RunRule("rbac-secrets-read", kRoles);
  EXPECT_THAT(r.Where(), ElementsAre("9:15 rbac-secrets-read", "44:15 rbac-secrets-read"));
  EXPECT_EQ(r[0].severity, Severity::kCritical);
  EXPECT_EQ(r[0].message,
            "ClusterRole 'ops' grants 'list' on secrets (returns every Secret's content)");
  EXPECT_EQ(r[1].severity, Severity::kHigh);
  EXPECT_EQ(r[1].message, "Role 'getter' grants 'get' on secrets");
}

TEST(RbacGrants, EachPermissionAtItsResource) {
  EXPECT_THAT(RunRule("rbac-create-pods", kRoles).Where(),
              ElementsAre("9:35 rbac-create-pods", "12:15 rbac-create-pods"));
  auto exec = RunRule("rbac-exec-attach", kRoles);
  EXPECT_THAT(exec.Where(), ElementsAre("9:24 rbac-exec-attach"));
  EXPECT_EQ(exec[0].message, "ClusterRole 'ops' grants 'create' on pods/exec");
  EXPECT_THAT(RunRule("rbac-node-proxy", kRoles).Where(), ElementsAre("9:41 rbac-node-proxy"));
  EXPECT_THAT(RunRule("rbac-pv-create", kRoles).Where(), ElementsAre("9:54 rbac-pv-create"));
  EXPECT_THAT(RunRule("rbac-token-create", kRoles).Where(), ElementsAre("9:73 rbac-token-create"));
  EXPECT_THAT(RunRule("rbac-csr-approval", kRoles).Where(), ElementsAre("15:15 rbac-csr-approval"));
  EXPECT_THAT(RunRule("rbac-webhook-config-write", kRoles).Where(),
              ElementsAre("18:15 rbac-webhook-config-write"));
}

TEST(RbacEscalationVerbs, ExplicitVerbsAndStarOnUsers) {
  auto r = RunRule("rbac-escalation-verbs", kRoles);
  EXPECT_THAT(r.Where(), ElementsAre("22:11 rbac-escalation-verbs", "22:21 rbac-escalation-verbs",
                                     "24:15 rbac-escalation-verbs"));
  EXPECT_EQ(r[2].message, "ClusterRole 'ops' grants '*' on users, which includes impersonate");
}

TEST(RbacRules, LeastPrivilegeRolePassesEveryRule) {
  constexpr char kReader[] = R"(apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules:
- apiGroups: [""]
  resources: [pods, pods/log, configmaps]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [api-tls]
  verbs: [get]
)";
  for (auto id : {"rbac-wildcard", "rbac-secrets-read", "rbac-create-pods", "rbac-exec-attach",
                  "rbac-escalation-verbs", "rbac-token-create", "rbac-node-proxy",
                  "rbac-csr-approval", "rbac-webhook-config-write", "rbac-pv-create"}) {
    EXPECT_THAT(RunRule(id, kReader).Where(), IsEmpty()) << id;
  }
}

constexpr char kBindings[] = R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
- {kind: User, name: "system:anonymous", apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: editors}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: default, namespace: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: discovery}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:discovery"}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app-edit, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: default}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: typo, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: raeder}
subjects: [{kind: ServiceAccount, name: api}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: elsewhere, namespace: other}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: made-by-operator}
subjects: [{kind: ServiceAccount, name: api}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ok, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: api}]
)";

TEST(RbacClusterAdminBinding, ClusterAdminAnywhereAdminEditClusterWide) {
  auto r = RunRule("rbac-cluster-admin-binding", kBindings);
  EXPECT_THAT(r.Where(),
              ElementsAre("4:73 rbac-cluster-admin-binding", "12:73 rbac-cluster-admin-binding"));
  EXPECT_EQ(r[0].message,
            "ClusterRoleBinding 'everyone' grants cluster-admin on the whole cluster");
  EXPECT_EQ(r[1].message, "ClusterRoleBinding 'editors' grants 'edit' in every namespace");
}

TEST(RbacClusterAdminBinding, RoleRefGrantingEverythingIsClusterAdminUnderAnotherName) {
  auto r = RunRule("rbac-cluster-admin-binding", R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: superuser}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: all-verbs, namespace: app}
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: [get, list, watch, create, update, patch, delete, deletecollection]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reads-everything}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: superuser}
subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all-verbs}
subjects: [{kind: ServiceAccount, name: deployer}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: auditors}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reads-everything}
subjects: [{kind: Group, name: auditors, apiGroup: rbac.authorization.k8s.io}]
)");
  EXPECT_THAT(r.Where(),
              ElementsAre("24:73 rbac-cluster-admin-binding", "30:66 rbac-cluster-admin-binding"));
  EXPECT_EQ(r[0].message,
            "ClusterRoleBinding 'ops' binds ClusterRole 'superuser', which grants every verb on "
            "every resource, to Group 'ops': cluster-admin on the whole cluster");
  EXPECT_EQ(r[1].message,
            "RoleBinding 'deployer' binds Role 'all-verbs', which grants every verb on every "
            "resource, to ServiceAccount 'app/deployer': cluster-admin in its namespace");
}

TEST(RbacBroadSubjects, PopulationsButNotDiscovery) {
  auto r = RunRule("rbac-broad-subjects", kBindings);
  EXPECT_THAT(r.Where(), ElementsAre("6:23 rbac-broad-subjects", "7:22 rbac-broad-subjects"));
  EXPECT_EQ(r[0].message,
            "ClusterRoleBinding 'everyone' grants 'cluster-admin' to system:authenticated (every "
            "authenticated user and ServiceAccount)");
}

TEST(RbacDefaultSaBinding, NamespaceDefaultsToTheBindings) {
  auto r = RunRule("rbac-default-sa-binding", kBindings);
  EXPECT_THAT(r.Where(),
              ElementsAre("13:41 rbac-default-sa-binding", "25:41 rbac-default-sa-binding"));
  EXPECT_EQ(
      r[1].message,
      "RoleBinding 'app-edit' grants a role to the default ServiceAccount of namespace 'app'");
}

TEST(RbacDanglingRoleRef, OnlyWhereTheBundleDefinesThatScopesRoles) {
  auto r = RunRule("rbac-dangling-role-ref", kBindings);
  EXPECT_THAT(r.Where(), ElementsAre("30:66 rbac-dangling-role-ref"));
  EXPECT_EQ(r[0].message, "RoleBinding 'typo' refers to Role 'raeder', which is not in the bundle");
}

TEST(RbacBindingExecAttach, BindingsOfExecRolesNameTheirSubjects) {
  auto r = RunRule("rbac-binding-exec-attach", R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: debugger}
rules:
- {apiGroups: [""], resources: [pods, pods/exec], verbs: [get, create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: logs, namespace: app}
rules:
- {apiGroups: [""], resources: [pods/log], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: oncall}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger}
subjects:
- {kind: Group, name: oncall, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: bot, namespace: ops}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger}
subjects: [{kind: ServiceAccount, name: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: logs}
subjects: [{kind: ServiceAccount, name: ci}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: unknown, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: made-elsewhere}
subjects: [{kind: ServiceAccount, name: ci}]
)");
  EXPECT_THAT(r.Where(),
              ElementsAre("16:73 rbac-binding-exec-attach", "24:73 rbac-binding-exec-attach"));
  EXPECT_EQ(r[0].message,
            "ClusterRoleBinding 'oncall' lets Group 'oncall', ServiceAccount 'ops/bot' use "
            "pods/exec through ClusterRole 'debugger' in every namespace");
  EXPECT_EQ(r[1].message,
            "RoleBinding 'ci' lets ServiceAccount 'app/ci' use pods/exec through ClusterRole "
            "'debugger'");
}

}  // namespace
}  // namespace gori::rules
