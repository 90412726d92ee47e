// Tests for the net-* rules, with the precision traps: `podSelector: {}`, Services without a
// selector, other namespaces, controller-set labels, policyTypes defaulting, Argo Rollouts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

constexpr char kBundle[] = R"(apiVersion: v1
kind: Namespace
metadata: {name: pay}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web, namespace: pay}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, ports: [{containerPort: 3000}]}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: pay}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: pay}
spec:
  template:
    metadata: {labels: {app: agent}}
    spec: {hostNetwork: true, containers: [{name: agent}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: pay}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - podSelector: {matchLabels: {app: gatewy}}
    - namespaceSelector: {matchLabels: {team: edge}}
      podSelector: {matchLabels: {app: anything}}
    - podSelector: {}
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: pay}
spec:
  podSelector: {matchLabels: {app: webb}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: pay}
spec:
  selector: {app: api}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9090, targetPort: metrcis}
  - {name: admin, port: 8081}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: pay}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 3001}]
---
apiVersion: v1
kind: Service
metadata: {name: db-0, namespace: pay}
spec:
  clusterIP: None
  selector: {app: db, statefulset.kubernetes.io/pod-name: db-0}
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: pay}
spec:
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: typo, namespace: pay}
spec:
  selector: {app: apii}
  externalIPs: [203.0.113.10]
---
apiVersion: v1
kind: Service
metadata: {name: remote, namespace: other}
spec:
  type: NodePort
  selector: {app: api}
)";

TEST(NetNoNetworkPolicy, UnselectedPodsWhenTheNamespaceIsCovered) {
  auto r = RunRule("net-no-network-policy", kBundle);
  // web is selected by no policy (its policy has a typo); db by none; agent is hostNetwork.
  EXPECT_THAT(r.Where(), ElementsAre("18:18 net-no-network-policy", "27:18 net-no-network-policy"));
  EXPECT_EQ(r[0].message, "no NetworkPolicy in namespace 'pay' selects the pods of Rollout 'web'");
}

TEST(NetNoNetworkPolicy, EmptyPodSelectorSelectsEveryPod) {
  std::string b = std::string(kBundle) + R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: pay}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
)";
  EXPECT_THAT(RunRule("net-no-network-policy", b).Where(), IsEmpty());
}

TEST(NetPolicySelectsNothing, TypoButNotEmptySelector) {
  auto r = RunRule("net-policy-selects-nothing", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("60:3 net-policy-selects-nothing"));
  EXPECT_EQ(r[0].message, "NetworkPolicy 'web' selects no pod in namespace 'pay'");
}

TEST(NetPolicyPeerSelectsNothing, OwnNamespacePeersOnly) {
  auto r = RunRule("net-policy-peer-selects-nothing", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("49:7 net-policy-peer-selects-nothing"));
  EXPECT_EQ(r[0].path, "spec.ingress[0].from[1].podSelector");
}

TEST(NetPolicyPeerSelectsNothing, SectionsOutsidePolicyTypesHaveNoEffect) {
  std::string b = std::string(kBundle) + R"(---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress-only, namespace: pay}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  egress:
  - to: [{podSelector: {matchLabels: {app: gone}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: defaulted, namespace: pay}
spec:
  podSelector: {matchLabels: {app: api}}
  egress:
  - to: [{podSelector: {matchLabels: {app: gone}}}]
)";
  // 'defaulted' gets policyTypes [Ingress, Egress] because it has egress rules.
  auto r = RunRule("net-policy-peer-selects-nothing", b);
  EXPECT_THAT(r.Where(), ElementsAre("49:7 net-policy-peer-selects-nothing",
                                     "122:11 net-policy-peer-selects-nothing"));
  EXPECT_EQ(r[1].message,
            "NetworkPolicy 'defaulted' egress rule 0 names pods that do not exist in namespace "
            "'pay'");
}

TEST(NetServiceSelectsNothing, TyposOnlyNotManualEndpointsOrControllerLabels) {
  auto r = RunRule("net-service-selects-nothing", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("97:3 net-service-selects-nothing"));
  EXPECT_EQ(r[0].message, "Service 'typo' selects no pod in namespace 'pay'; it has no endpoints");
  // 'remote' is in a namespace whose pods the bundle does not hold.
}

TEST(NetServicePort, NamedTargetsMustExistNumbersOnlyWhenDeclared) {
  auto r = RunRule("net-service-port", kBundle);
  EXPECT_THAT(r.Where(), ElementsAre("69:45 net-service-port", "70:25 net-service-port",
                                     "78:34 net-service-port"));
  EXPECT_EQ(r[0].severity, Severity::kHigh);
  EXPECT_EQ(r[0].message,
            "Service 'api' targets port 'metrcis', which none of its pods declares; the port has "
            "no endpoints");
  EXPECT_EQ(r[1].severity, Severity::kLow);
  EXPECT_EQ(r[1].path, "spec.ports[2].port");
  EXPECT_EQ(r[2].message, "Service 'web' targets port 3001, which none of its pods declares");
}

TEST(NetExposedAndExternalIps, TypesAndAddresses) {
  auto e = RunRule("net-exposed-service", kBundle);
  EXPECT_THAT(e.Where(), ElementsAre("76:9 net-exposed-service", "104:9 net-exposed-service"));
  EXPECT_EQ(e[0].message, "Service 'web' is a LoadBalancer reachable from outside the cluster");
  auto x = RunRule("net-external-ips", kBundle);
  EXPECT_THAT(x.Where(), ElementsAre("98:3 net-external-ips"));
  EXPECT_EQ(x[0].message, "Service 'typo' claims external IP 203.0.113.10");
}

TEST(NetPortName, IanaNamesUniquePerPodAndServiceLabels) {
  auto r = RunRule("net-port-name", R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: a
    ports:
    - {name: http-metrics-endpoint, containerPort: 9090}
    - {name: http, containerPort: 8080}
  - name: b
    ports:
    - {name: http, containerPort: 8081}
    - {name: "8443", containerPort: 8443}
    - {name: Grpc, containerPort: 50051}
---
kind: Service
apiVersion: v1
spec:
  ports:
  - {name: http, port: 80}
  - {name: http, port: 81}
  - {port: 82}
)");
  EXPECT_THAT(r.Where(),
              ElementsAre("7:14 net-port-name", "11:14 net-port-name", "12:14 net-port-name",
                          "13:14 net-port-name", "20:12 net-port-name", "21:5 net-port-name"));
  EXPECT_EQ(r[0].message,
            "container 'a' port name 'http-metrics-endpoint' is 21 characters long (at most 15)");
  EXPECT_EQ(r[1].message, "container 'b' port name 'http' is already used at line 8");
  EXPECT_EQ(r[2].message, "container 'b' port name '8443' has no letter");
  EXPECT_EQ(r[5].message, "Service '' has several ports and this one has no name");
}

constexpr char kIngress[] = R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: pay}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: pay}
spec:
  ingressClassName: nginx
  tls: [{hosts: ["*.example.com"], secretName: wild}]
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}
      - {path: /docs, pathType: Prefix, backend: {service: {name: docs, port: {name: http}}}}
  - host: a.b.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: promo, namespace: marketing}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: promo, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: internal, namespace: pay}
spec:
  ingressClassName: internal
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: alb
  namespace: pay
  annotations: {alb.ingress.kubernetes.io/certificate-arn: "arn:aws:acm:eu-west-1:1:certificate/x"}
spec:
  rules: [{host: alb.example.com}]
)";

TEST(NetIngressBackend, MissingServiceAndPort) {
  auto r = RunRule("net-ingress-backend", kIngress);
  EXPECT_THAT(r.Where(), ElementsAre("17:86 net-ingress-backend", "18:67 net-ingress-backend"));
  EXPECT_EQ(r[0].message,
            "Ingress 'shop' routes to port 8080 of Service 'web', which does not expose it");
  EXPECT_EQ(r[0].path, "spec.rules[0].http.paths[1].backend.service.port.number");
  EXPECT_EQ(r[1].message,
            "Ingress 'shop' routes to Service 'docs', which is not in namespace 'pay'");
  // 'promo' is in a namespace whose Services the bundle does not define.
}

TEST(NetIngressBackend, OldBackendFieldsUnderV1AreNoBackend) {
  constexpr char kOld[] = R"(apiVersion: APIVERSION
kind: Ingress
metadata: {name: legacy, namespace: pay}
spec:
  rules:
  - http:
      paths:
      - path: /
        backend: {serviceName: web, servicePort: 80}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: pay}
spec: {selector: {app: web}, ports: [{port: 80}]}
)";
  auto with = [&](std::string_view api_version) {
    std::string y = kOld;
    y.replace(y.find("APIVERSION"), 10, api_version);
    return RunRule("net-ingress-backend", y);
  };
  EXPECT_THAT(with("extensions/v1beta1").Where(), IsEmpty());
  EXPECT_THAT(with("networking.k8s.io/v1beta1").Where(), IsEmpty());
  auto v1 = with("networking.k8s.io/v1");
  EXPECT_THAT(v1.Where(), ElementsAre("9:32 net-ingress-backend"));
  EXPECT_EQ(v1[0].path, "spec.rules[0].http.paths[0].backend.serviceName");
  EXPECT_EQ(v1[0].message,
            "Ingress 'legacy' names its backend with serviceName/servicePort, which "
            "networking.k8s.io/v1 does not have: the backend has no Service (write service: "
            "{name: web, port: {number: ...}})");
}

TEST(NetIngressTls, WildcardCoversOneLabel) {
  auto r = RunRule("net-ingress-tls", kIngress);
  EXPECT_THAT(r.Where(), ElementsAre("19:11 net-ingress-tls", "30:11 net-ingress-tls",
                                     "41:11 net-ingress-tls"));
  EXPECT_EQ(r[0].message, "Ingress 'shop' serves host 'a.b.example.com' without TLS");
}

TEST(NetIngressTls, RuleWithoutHostNeedsATlsEntry) {
  auto r = RunRule("net-ingress-tls", R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: any, namespace: web}
spec:
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: default-cert, namespace: web}
spec:
  tls: [{secretName: wildcard}]
  rules:
  - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
)");
  EXPECT_THAT(r.Where(), ElementsAre("6:5 net-ingress-tls"));
  EXPECT_EQ(r[0].message,
            "Ingress 'any' has a rule without host and no spec.tls: it serves every host name "
            "over plain HTTP");
  EXPECT_EQ(r[0].path, "spec.rules[0]");
}

TEST(NetIngressCollision, SameClassAcrossNamespaces) {
  auto r = RunRule("net-ingress-collision", kIngress);
  EXPECT_THAT(r.Where(), ElementsAre("33:16 net-ingress-collision"));
  EXPECT_EQ(r[0].message,
            "Ingress 'promo' claims shop.example.com/api which Ingress 'pay/shop' already routes "
            "(t.yaml:17)");
}

TEST(NetServicemonitorSelectsNothing, ServiceLabelsInScope) {
  auto r = RunRule("net-servicemonitor-selects-nothing", R"(apiVersion: v1
kind: Service
metadata: {name: api, namespace: pay, labels: {app: api}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: ok, namespace: pay}
spec: {selector: {matchLabels: {app: api}}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: typo, namespace: pay}
spec: {selector: {matchLabels: {app: apii}}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: elsewhere, namespace: mon}
spec: {selector: {matchLabels: {app: x}}, namespaceSelector: {matchNames: [other]}}
)");
  EXPECT_THAT(r.Where(), ElementsAre("13:8 net-servicemonitor-selects-nothing"));
}

}  // namespace
}  // namespace gori::rules
