// Tests for sec-sa-token-automount, sec-default-service-account,
// sec-missing-service-account and sec-deprecated-sa-field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

constexpr char kBundle[] = R"(apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: pay}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: worker, namespace: pay}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: api, namespace: pay}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: api}
subjects: [{kind: ServiceAccount, name: api}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: idle, namespace: pay}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: idle, namespace: pay}
spec:
  template:
    spec:
      serviceAccountName: idle
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    spec:
      serviceAccountName: api
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: pay}
spec:
  template:
    spec:
      serviceAccountName: worker
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: typo, namespace: pay}
spec:
  template:
    spec:
      serviceAccount: apii
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: elsewhere, namespace: other}
spec:
  template:
    spec:
      serviceAccountName: made-by-terraform
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: plain, namespace: pay}
spec:
  template:
    spec:
      containers: [{name: a}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: no-token, namespace: pay}
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers: [{name: a}]
)";

TEST(SecSaTokenAutomount, OnlyForAccountsTheBundleDefinesWithoutBindings) {
  auto r = RunRule("sec-sa-token-automount", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("26:27 sec-sa-token-automount"));
  EXPECT_EQ(r[0].message,
            "pod mounts the token of ServiceAccount 'idle', which no binding in the bundle "
            "grants anything");
  EXPECT_EQ(r[0].path, "spec.template.spec.serviceAccountName");
}

TEST(SecSaTokenAutomount, CompleteBundleKnowsTheDefaultAccount) {
  Config c;
  c.complete_bundle = true;
  auto r = RunRule("sec-sa-token-automount", kBundle, c);
  // 'plain' runs as the implicit default account; accounts the bundle lacks are
  // sec-missing-service-account's finding.
  EXPECT_THAT(r.Where(),
              ElementsAre("26:27 sec-sa-token-automount", "70:5 sec-sa-token-automount"));
}

TEST(SecDefaultServiceAccount, UnsetOrDefaultWithTokenMounted) {
  auto r = RunRule("sec-default-service-account", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("70:5 sec-default-service-account"));
  EXPECT_EQ(r[0].message, "pod sets no serviceAccountName and runs as the default ServiceAccount");
  auto d = RunRule("sec-default-service-account", R"(apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {serviceAccountName: default, containers: [{name: a}]}
---
apiVersion: v1
kind: Pod
metadata: {name: q, namespace: x}
spec: {serviceAccountName: default, containers: [{name: a}]}
)");
  EXPECT_THAT(d.Where(), ElementsAre("14:28 sec-default-service-account"));
}

TEST(SecMissingServiceAccount, OnlyWhereTheBundleDefinesTheNamespacesAccounts) {
  auto r = RunRule("sec-missing-service-account", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("53:23 sec-missing-service-account"));
  EXPECT_EQ(r[0].message, "ServiceAccount 'apii' is not defined in namespace 'pay'");
  EXPECT_EQ(r[0].path, "spec.template.spec.serviceAccount");
}

TEST(SecDeprecatedSaField, AliasAndConflict) {
  EXPECT_THAT(RunRule("sec-deprecated-sa-field", kBundle).Where(),
              ElementsAre("53:23 sec-deprecated-sa-field"));
  auto r = RunRule("sec-deprecated-sa-field", R"(kind: Pod
apiVersion: v1
spec:
  serviceAccount: a
  serviceAccountName: b
  containers: [{name: c}]
)");
  EXPECT_EQ(r[0].message,
            "pod sets deprecated serviceAccount 'a', which differs from serviceAccountName 'b'");
  EXPECT_THAT(RunRule("sec-deprecated-sa-field", R"(kind: Pod
apiVersion: v1
spec: {serviceAccountName: b, containers: [{name: c}]}
)")
                  .Where(),
              IsEmpty());
}

}  // namespace
}  // namespace gori::rules
