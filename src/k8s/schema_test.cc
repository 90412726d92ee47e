#include <fmt/format.h>
#include <gtest/gtest.h>

#include "k8s/api_lifecycle.h"
#include "k8s/schema.h"
#include "k8s/schema_validate.h"
#include "k8s/test_util.h"

namespace gori::k8s {
namespace {

using testing::ParseYaml;

std::vector<std::string> Issues(const std::string& yaml, SchemaOptions options = {}) {
  auto p = ParseYaml(yaml);
  std::vector<SchemaIssue> out;
  std::vector<const CrdCatalog*> catalogs;
  CrdCatalog input;
  for (const Object& o : p->objects) input.Add(o);
  catalogs.push_back(&input);
  if (options.crds.empty()) options.crds = catalogs;
  for (const Object& o : p->objects) ValidateObject(o, options, out);
  std::vector<std::string> s;
  for (const SchemaIssue& i : out) {
    s.push_back(fmt::format("{}:{} {} {}", i.at->line(), i.at->column(), static_cast<int>(i.kind),
                            i.message));
  }
  return s;
}

TEST(Schemas, EmbeddedReleasesAndKinds) {
  const auto& s = schema::Schemas::Embedded();
  ASSERT_GE(s.releases().size(), 9u);
  EXPECT_EQ(s.releases().front().minor(), 28);
  EXPECT_EQ(s.Newest().minor(), 36);
  EXPECT_EQ(s.ForVersion("1.30.2").minor(), 30);
  EXPECT_NE(s.Newest().KindDefinition("apps", "v1", "Deployment"), nullptr);
  EXPECT_EQ(s.Newest().KindDefinition("", "v1", "Deployment"), nullptr);
  EXPECT_TRUE(s.IsBuiltinGroup("apps"));
  EXPECT_FALSE(s.IsBuiltinGroup("argoproj.io"));
}

TEST(Schemas, RejectsMalformedData) {
  EXPECT_EQ(schema::Schemas::Parse("Z nonsense\n"), nullptr);
  EXPECT_EQ(schema::Schemas::Parse(""), nullptr);
  auto s = schema::Schemas::Parse("N a\nT 0 o x y=i z=s(A|B)\nK - v1 Thing 0\nV 1 0:0\n");
  ASSERT_NE(s, nullptr);
  const schema::Definition* d = s->Newest().KindDefinition("", "v1", "Thing");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->required.size(), 1u);
  EXPECT_EQ(d->required[0], "x");
  ASSERT_NE(d->Find("z"), nullptr);
  EXPECT_EQ(s->type(d->Find("z")->type).kind, schema::TypeKind::kString);
}

TEST(SchemaValidate, CleanDeploymentHasNoIssues) {
  EXPECT_EQ(Issues(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api, labels: {app: api}}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        imagePullPolicy: IfNotPresent
        ports: [{containerPort: 80, protocol: TCP}]
        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 1}}
        env: [{name: A, value: "1"}]
)"),
            std::vector<std::string>{});
}

TEST(SchemaValidate, TyposTypesEnumsAndRequired) {
  auto got = Issues(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replica: 3
  template:
    spec:
      securityContex: {}
      containers:
      - name: app
        image: nginx
        imagePullPolicy: Sometimes
        ports: [{containerPort: "80"}]
        resources: {limits: {memory: 12 GB}}
        env: [{name: A, value: 1}]
      restartPolicy: {a: 1}
)");
  std::vector<std::string> want = {
      "5:3 1 unknown field spec.replica (did you mean replicas?); the API server drops it "
      "silently unless strict field validation is on",
      "8:7 1 unknown field spec.template.spec.securityContex (did you mean securityContext?); "
      "the API server drops it silently unless strict field validation is on",
      "12:26 3 spec.template.spec.containers[0].imagePullPolicy \"Sometimes\" is not one of "
      "Always, IfNotPresent, Never",
      "13:33 2 spec.template.spec.containers[0].ports[0].containerPort must be an integer, not "
      "a string \"80\"",
      "14:38 2 spec.template.spec.containers[0].resources.limits.memory \"12 GB\" is not a "
      "quantity (such as 500m, 2, 1.5Gi or 128974848)",
      "15:32 2 spec.template.spec.containers[0].env[0].value must be a string, not an integer 1 "
      "(quote it)",
      "16:22 2 spec.template.spec.restartPolicy must be a string, not an object",
      "4:1 4 spec.selector is required",
  };
  EXPECT_EQ(got, want);
}

TEST(SchemaValidate, MappingWhereAnIntegerBelongs) {
  // `replicas: {{replicas}}` is a flow mapping in YAML.
  auto got = Issues(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n"
      "  replicas: {{replicas}}\n  selector: {}\n  template: {}\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "5:13 2 spec.replicas must be an integer, not an object");
}

TEST(SchemaValidate, UnknownKindsAndVersions) {
  EXPECT_EQ(Issues("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: a}\n"),
            std::vector<std::string>{
                "2:7 0 unknown kind Deploymnet in apps/v1 (Kubernetes 1.36); did you mean "
                "Deployment?"});
  EXPECT_EQ(Issues("apiVersion: v1\nkind: Deployment\nmetadata: {name: a}\n"),
            std::vector<std::string>{
                "1:13 0 Deployment is not served as v1 by Kubernetes 1.36; use apps/v1"});
  // Removed APIs are the lifecycle check's business, not an unknown kind.
  EXPECT_EQ(Issues("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: a}\n"),
            std::vector<std::string>{});
  // Custom resources without a CRD are silent unless asked.
  EXPECT_EQ(Issues("apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: a}\n"),
            std::vector<std::string>{});
  SchemaOptions strict;
  strict.strict_kinds = true;
  auto got =
      Issues("apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: a}\n", strict);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].substr(0, 43), "2:7 0 no CustomResourceDefinition for Rollo");
}

TEST(SchemaValidate, ApiVersionAndKindAreRequired) {
  EXPECT_EQ(Issues("kind: ConfigMap\nmetadata: {name: a}\n"),
            std::vector<std::string>{"1:1 4 apiVersion is required"});
  EXPECT_EQ(Issues("metadata: {name: a}\napiVersion: v1\n"),
            std::vector<std::string>{"1:1 4 kind is required"});
}

TEST(SchemaValidate, NamesByKind) {
  auto got = Issues(R"(apiVersion: v1
kind: Service
metadata: {name: 1api}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: my.config}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:x"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: My_Config}
)");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].substr(0, 40), "3:18 5 Service name \"1api\" is not a DNS-");
  EXPECT_EQ(got[1].substr(0, 45), "15:18 5 ConfigMap name \"My_Config\" is not a D");
}

TEST(SchemaValidate, CustomResourcesAgainstTheirCrd) {
  auto got = Issues(R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer}
              mode: {type: string, enum: [fast, slow]}
              port: {x-kubernetes-int-or-string: true}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  sise: 3
  mode: quick
  port: [1]
  extra: {anything: 1}
---
apiVersion: example.com/v2
kind: Widget
metadata: {name: w2}
)");
  std::vector<std::string> want = {
      "29:3 1 unknown field spec.sise (did you mean size?); the API server prunes fields its "
      "CustomResourceDefinition does not declare",
      "30:9 3 spec.mode \"quick\" is not one of fast, slow",
      "31:9 2 spec.port must be an integer or a string, not a list",
      "28:1 4 spec.size is required",
      "34:13 0 the CustomResourceDefinition of Widget.example.com serves v1, not v2",
  };
  EXPECT_EQ(got, want);
}

TEST(ApiLifecycle, TableAndEmbeddedData) {
  auto l = LifecycleAt("extensions/v1beta1", "Deployment", 36);
  EXPECT_EQ(l.state, ApiLifecycle::State::kRemoved);
  EXPECT_EQ(l.removed, 16);
  l = LifecycleAt("admissionregistration.k8s.io/v1alpha1", "InitializerConfiguration", 30);
  EXPECT_EQ(l.state, ApiLifecycle::State::kRemoved);
  l = LifecycleAt("apps/v1", "Deployment", 36);
  EXPECT_EQ(l.state, ApiLifecycle::State::kServed);
  // flowcontrol v1beta3: table says deprecated in 1.29 and removed in 1.32.
  EXPECT_EQ(LifecycleAt("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 30).state,
            ApiLifecycle::State::kDeprecated);
  // From the data: a beta served next to v1 is deprecated; gone in a later release is removed.
  l = LifecycleAt("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", 30);
  EXPECT_EQ(l.state, ApiLifecycle::State::kDeprecated);
  EXPECT_EQ(l.replacement, "admissionregistration.k8s.io/v1");
  l = LifecycleAt("resource.k8s.io/v1alpha2", "ResourceClaim", 36);
  EXPECT_EQ(l.state, ApiLifecycle::State::kRemoved);
  EXPECT_GT(l.removed, 28);
}

}  // namespace
}  // namespace gori::k8s
