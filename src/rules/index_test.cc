#include "rules/index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Names(const std::vector<const k8s::Object*>& v) {
  std::vector<std::string> out;
  for (const k8s::Object* o : v)
    out.push_back(std::string(o->kind()) + "/" + std::string(o->name()));
  return out;
}

const k8s::Object& Get(const k8s::testing::Parsed& p, std::string_view kind, std::string_view name,
                       std::string_view api_version = {}) {
  for (const k8s::Object& o : p.objects) {
    if (o.kind() == kind && o.name() == name &&
        (api_version.empty() || o.api_version() == api_version)) {
      return o;
    }
  }
  throw std::runtime_error("no such object");
}

constexpr char kPay[] = R"(apiVersion: v1
kind: Namespace
metadata: {name: pay}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    metadata: {labels: {app: api, tier: web}}
    spec: {containers: [{name: api, image: api:1}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: pay}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: pg:16}]}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: pay, labels: {app: api}}
spec: {containers: [{name: sh, image: busybox:1}]}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: tmpl, namespace: pay}
template:
  metadata: {labels: {app: api}}
  spec: {containers: [{name: x, image: x:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: other}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api:1}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: canary, namespace: pay}
spec:
  template:
    metadata: {labels: {app: canary}}
    spec: {containers: [{name: c, image: c:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: pay}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: manual, namespace: pay}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: empty, namespace: pay}
spec:
  selector: {}
---
apiVersion: v1
kind: Service
metadata: {name: db-0, namespace: pay}
spec:
  selector: {app: db, statefulset.kubernetes.io/pod-name: db-0}
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: pay}
spec:
  type: ExternalName
  externalName: db.example.com
  selector: {app: api}
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: api, namespace: pay}
spec:
  template:
    metadata: {labels: {app: kn}}
    spec: {containers: [{image: kn:1}]}
)";

TEST(Index, ServicesSelectPodOwnersOfTheirNamespaceOnly) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  EXPECT_THAT(Names(index.Selected(Get(*p, "Service", "api", "v1"))),
              ElementsAre("Deployment/api", "Pod/debug"));
  const k8s::Object& api = p->objects[1];
  EXPECT_THAT(Names(index.ServicesSelecting(api)), ElementsAre("Service/api"));
  EXPECT_THAT(index.ServicesSelecting(p->objects[5]), IsEmpty());  // namespace other
}

TEST(Index, ServicesWithoutSelectorOrExternalNameSelectNothing) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  EXPECT_THAT(index.Selected(Get(*p, "Service", "manual")), IsEmpty());
  EXPECT_THAT(index.Selected(Get(*p, "Service", "empty")), IsEmpty());
  EXPECT_THAT(index.Selected(Get(*p, "Service", "ext")), IsEmpty());
}

TEST(Index, ControllerSetLabelsAreMetByTemplates) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  EXPECT_THAT(Names(index.Selected(Get(*p, "Service", "db-0"))), ElementsAre("StatefulSet/db"));
}

TEST(Index, KindsOfOtherGroupsAreQualified) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  EXPECT_EQ(index.OfKindIn("Service", "pay").size(), 5u);
  EXPECT_EQ(index.OfKind("Service.serving.knative.dev").size(), 1u);
  EXPECT_EQ(index.Find("Service", "pay", "api")->api_version(), "v1");
  EXPECT_NE(index.Find("Rollout.argoproj.io", "pay", "canary"), nullptr);
  EXPECT_EQ(index.Find("Rollout", "pay", "canary"), nullptr);
  EXPECT_EQ(KindKey("apps", "Deployment"), "Deployment");
  EXPECT_EQ(KindKey("networking.k8s.io", "Ingress"), "Ingress");
  EXPECT_EQ(KindKey("argoproj.io", "Rollout"), "Rollout.argoproj.io");
}

TEST(Index, PodOwnersExcludePodTemplateObjects) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  EXPECT_THAT(Names(index.PodOwnersIn("pay")),
              ElementsAre("Deployment/api", "StatefulSet/db", "Pod/debug", "Rollout/canary",
                          "Service/api"));
  EXPECT_THAT(Names(index.PodOwnersIn("other")), ElementsAre("Deployment/api"));
}

TEST(Index, KnowsAndCovers) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  EXPECT_TRUE(index.Knows("Service", "pay"));
  EXPECT_FALSE(index.Knows("ServiceAccount", "pay"));
  EXPECT_TRUE(index.Covers("ServiceAccount", "pay"));  // the Namespace is in the bundle
  EXPECT_FALSE(index.Covers("ServiceAccount", "other"));
  Index complete(p->objects, true);
  EXPECT_TRUE(complete.Knows("ServiceAccount", "other"));
}

TEST(Index, PodsKnownUnlessACustomResourceMayCreatePods) {
  auto p = k8s::testing::ParseYaml(R"(kind: Deployment
apiVersion: apps/v1
metadata: {name: a, namespace: plain}
spec: {template: {spec: {containers: [{name: a}]}}}
---
kind: ServiceMonitor
apiVersion: monitoring.coreos.com/v1
metadata: {name: a, namespace: plain}
---
kind: Deployment
apiVersion: apps/v1
metadata: {name: op, namespace: db}
spec: {template: {spec: {containers: [{name: a}]}}}
---
kind: Cluster
apiVersion: postgresql.cnpg.io/v1
metadata: {name: pg, namespace: db}
)");
  Index index(p->objects);
  EXPECT_TRUE(index.PodsKnown("plain"));
  EXPECT_FALSE(index.PodsKnown("db"));
  EXPECT_FALSE(index.PodsKnown("empty"));
  EXPECT_TRUE(Index(p->objects, true).PodsKnown("db"));
  int builds = 0;
  auto build = [&] {
    ++builds;
    return std::string("x");
  };
  EXPECT_EQ(index.Memo<std::string>(&builds, build), "x");
  EXPECT_EQ(index.Memo<std::string>(&builds, build), "x");
  EXPECT_EQ(builds, 1);
}

TEST(Index, NamespacelessObjectsAreInDefault) {
  auto p = k8s::testing::ParseYaml(R"(kind: Deployment
apiVersion: apps/v1
metadata: {name: a}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a}]}}}
---
kind: Service
apiVersion: v1
metadata: {name: a}
spec: {selector: {app: a}}
---
kind: ClusterRole
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: r}
)");
  Index index(p->objects);
  EXPECT_EQ(Index::Namespace(p->objects[0]), "default");
  EXPECT_EQ(Index::Namespace(p->objects[2]), "");
  EXPECT_THAT(Names(index.Selected(p->objects[1])), ElementsAre("Deployment/a"));
  EXPECT_NE(index.Find("ClusterRole", "", "r"), nullptr);
}

TEST(Index, PdbEmptySelectorDependsOnVersion) {
  auto p = k8s::testing::ParseYaml(R"(kind: Deployment
apiVersion: apps/v1
metadata: {name: a}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a}]}}}
---
kind: PodDisruptionBudget
apiVersion: policy/v1
metadata: {name: all}
spec: {selector: {}, maxUnavailable: 1}
---
kind: PodDisruptionBudget
apiVersion: policy/v1beta1
metadata: {name: old}
spec: {selector: {}, maxUnavailable: 1}
---
kind: PodDisruptionBudget
apiVersion: policy/v1
metadata: {name: none}
spec: {maxUnavailable: 1}
---
kind: PodDisruptionBudget
apiVersion: policy/v1
metadata: {name: expr}
spec:
  selector:
    matchExpressions: [{key: app, operator: In, values: [a, b]}]
)");
  Index index(p->objects);
  EXPECT_THAT(Names(index.PdbsSelecting(p->objects[0])),
              ElementsAre("PodDisruptionBudget/all", "PodDisruptionBudget/expr"));
  EXPECT_THAT(index.Selected(p->objects[2]), IsEmpty());
  EXPECT_THAT(index.Selected(p->objects[3]), IsEmpty());
}

TEST(Index, NetworkPolicySelectorAndPolicyTypesDefaulting) {
  auto p = k8s::testing::ParseYaml(R"(kind: Deployment
apiVersion: apps/v1
metadata: {name: a, namespace: n}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a}]}}}
---
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata: {name: all, namespace: n}
spec: {podSelector: {}}
---
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata: {name: absent, namespace: n}
spec:
  egress: [{to: [{podSelector: {}}]}]
---
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata: {name: empty-egress, namespace: n}
spec: {podSelector: {matchLabels: {app: b}}, egress: []}
---
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata: {name: explicit, namespace: other}
spec: {podSelector: {}, policyTypes: [Egress]}
)");
  Index index(p->objects);
  EXPECT_THAT(Names(index.PoliciesSelecting(p->objects[0])),
              ElementsAre("NetworkPolicy/all", "NetworkPolicy/absent"));
  EXPECT_THAT(index.Selected(p->objects[3]), IsEmpty());
  auto types = [&](int i) {
    PolicyTypes t = EffectivePolicyTypes(p->objects[i]);
    return std::string(t.ingress ? "I" : "") + (t.egress ? "E" : "");
  };
  EXPECT_EQ(types(1), "I");
  EXPECT_EQ(types(2), "IE");
  EXPECT_EQ(types(3), "I");
  EXPECT_EQ(types(4), "E");
}

TEST(Index, HpaTargetsByGroupKindAndName) {
  auto p = k8s::testing::ParseYaml(R"(kind: Deployment
apiVersion: apps/v1
metadata: {name: web}
spec: {template: {spec: {containers: [{name: a}]}}}
---
kind: Rollout
apiVersion: argoproj.io/v1alpha1
metadata: {name: web}
spec: {template: {spec: {containers: [{name: a}]}}}
---
kind: HorizontalPodAutoscaler
apiVersion: autoscaling/v2
metadata: {name: d}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
---
kind: HorizontalPodAutoscaler
apiVersion: autoscaling/v2
metadata: {name: r}
spec: {scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}}
---
kind: HorizontalPodAutoscaler
apiVersion: autoscaling/v2
metadata: {name: gone, namespace: x}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
)");
  Index index(p->objects);
  EXPECT_THAT(Names(index.HpasTargeting(p->objects[0])), ElementsAre("HorizontalPodAutoscaler/d"));
  EXPECT_THAT(Names(index.HpasTargeting(p->objects[1])), ElementsAre("HorizontalPodAutoscaler/r"));
  EXPECT_THAT(index.Selected(p->objects[4]), IsEmpty());
}

TEST(Index, IngressBackendsBothShapes) {
  auto p = k8s::testing::ParseYaml(R"(kind: Service
apiVersion: v1
metadata: {name: web, namespace: n}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
---
kind: Ingress
apiVersion: networking.k8s.io/v1
metadata: {name: new, namespace: n}
spec:
  defaultBackend: {service: {name: web, port: {name: http}}}
  rules:
  - host: a.example
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
      - path: /static
        pathType: Prefix
        backend: {resource: {apiGroup: k8s.example, kind: Bucket, name: b}}
---
kind: Ingress
apiVersion: extensions/v1beta1
metadata: {name: old, namespace: n}
spec:
  rules:
  - http:
      paths:
      - backend: {serviceName: missing, servicePort: 8080}
)");
  Index index(p->objects);
  const auto& nb = index.IngressBackends(p->objects[1]);
  ASSERT_EQ(nb.size(), 3u);
  EXPECT_EQ(nb[0].path, "spec.defaultBackend");
  EXPECT_EQ(nb[0].port->text(), "http");
  EXPECT_EQ(nb[0].target, &p->objects[0]);
  EXPECT_EQ(nb[1].path, "spec.rules[0].http.paths[0].backend");
  EXPECT_EQ(nb[1].port->text(), "80");
  EXPECT_EQ(nb[2].service, "");
  EXPECT_THAT(Names(index.Selected(p->objects[1])), ElementsAre("Service/web"));
  const auto& ob = index.IngressBackends(p->objects[2]);
  ASSERT_EQ(ob.size(), 1u);
  EXPECT_EQ(ob[0].service, "missing");
  EXPECT_EQ(ob[0].port->text(), "8080");
  EXPECT_EQ(ob[0].target, nullptr);
}

TEST(Index, ServiceMonitorNamespaceSelector) {
  auto p = k8s::testing::ParseYaml(R"(kind: Service
apiVersion: v1
metadata: {name: a, namespace: x, labels: {team: t}}
---
kind: Service
apiVersion: v1
metadata: {name: b, namespace: y, labels: {team: t}}
---
kind: ServiceMonitor
apiVersion: monitoring.coreos.com/v1
metadata: {name: own, namespace: x}
spec: {selector: {matchLabels: {team: t}}}
---
kind: ServiceMonitor
apiVersion: monitoring.coreos.com/v1
metadata: {name: named, namespace: mon}
spec: {selector: {matchLabels: {team: t}}, namespaceSelector: {matchNames: [y]}}
---
kind: ServiceMonitor
apiVersion: monitoring.coreos.com/v1
metadata: {name: any, namespace: mon}
spec: {selector: {}, namespaceSelector: {any: true}}
)");
  Index index(p->objects);
  EXPECT_THAT(Names(index.Selected(p->objects[2])), ElementsAre("Service/a"));
  EXPECT_THAT(Names(index.Selected(p->objects[3])), ElementsAre("Service/b"));
  EXPECT_THAT(Names(index.Selected(p->objects[4])), ElementsAre("Service/a", "Service/b"));
}

TEST(Index, RbacBindingsAndRoleRefs) {
  auto p = k8s::testing::ParseYaml(R"(kind: Role
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: reader, namespace: app}
---
kind: RoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: rb, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: api}
- {kind: ServiceAccount, name: agent, namespace: ops}
---
kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, name: "system:serviceaccounts:monitoring", apiGroup: rbac.authorization.k8s.io}
)");
  Index index(p->objects);
  EXPECT_TRUE(index.ServiceAccountBound("app", "api"));
  EXPECT_TRUE(index.ServiceAccountBound("ops", "agent"));
  EXPECT_FALSE(index.ServiceAccountBound("app", "agent"));
  EXPECT_TRUE(index.ServiceAccountBound("monitoring", "anything"));
  EXPECT_EQ(index.RoleOf(p->objects[1]), &p->objects[0]);
  EXPECT_EQ(index.RoleOf(p->objects[2]), nullptr);
}

TEST(Index, SelectPodOwnersUsesPostingsAndFullMatch) {
  auto p = k8s::testing::ParseYaml(kPay);
  Index index(p->objects);
  auto root = k8s::testing::ParseYaml(R"(a: {matchLabels: {app: api, tier: web}}
b: {matchExpressions: [{key: app, operator: Exists}]}
)");
  const doc::Node* r = root->file.documents[0].root;
  auto a = k8s::Selector::FromLabelSelector(r->Get("a"), false);
  EXPECT_THAT(Names(index.SelectPodOwners("pay", *a)), ElementsAre("Deployment/api"));
  auto b = k8s::Selector::FromLabelSelector(r->Get("b"), false);
  EXPECT_EQ(index.SelectPodOwners("pay", *b).size(), 5u);
  EXPECT_THAT(index.SelectPodOwners("nowhere", *b), IsEmpty());
}

}  // namespace
}  // namespace gori::rules
