#include "k8s/defaults.h"

#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::k8s {
namespace {

using testing::ParseYaml;

// The default's text of `key` under the map at `path` of `object`, or "-" for none.
std::string DefaultAt(const Object& object, std::initializer_list<std::string_view> path,
                      std::string_view key) {
  Defaults d(object);
  const doc::Node* map = object.root()->Path(path);
  if (map == nullptr) return "no map";
  const doc::Node* v = d.Find(map, key);
  if (v == nullptr) return "-";
  if (v->IsMap()) return "{map " + std::to_string(v->size()) + "}";
  if (v->IsSeq()) return "[seq " + std::to_string(v->size()) + "]";
  return std::string(v->text());
}

TEST(Defaults, GenerateNameGivesTheGeneratedName) {
  auto objs = ParseYaml(R"y(apiVersion: example.com/v1
kind: Widget
metadata: {generateName: w-}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: written, generateName: w-}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: null, generateName: abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijXYZ}
---
apiVersion: v1
kind: ConfigMap
metadata: {namespace: x}
)y");
  ASSERT_EQ(objs->objects.size(), 4u);
  EXPECT_EQ(DefaultAt(objs->objects[0], {"metadata"}, "name"), "w-xxxxx");
  EXPECT_EQ(DefaultAt(objs->objects[1], {"metadata"}, "name"), "-");
  EXPECT_EQ(DefaultAt(objs->objects[2], {"metadata"}, "name"),
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghxxxxx");
  EXPECT_EQ(DefaultAt(objs->objects[3], {"metadata"}, "name"), "-");
  EXPECT_EQ(DefaultAt(objs->objects[0], {"metadata"}, "namespace"), "-");
}

// A custom resource takes its CRD schema's defaults as the API server's structural defaulting
// applies them: per property, under items and additionalProperties, inside a default itself,
// for a null that is not nullable; never in metadata.
TEST(Defaults, CustomResourcesTakeTheirSchemasDefaults) {
  auto objs = ParseYaml(R"y(type: object
properties:
  metadata:
    type: object
    properties:
      labels: {type: object, default: {a: b}}
  spec:
    type: object
    default: {}
    properties:
      replicas: {type: integer, default: 2}
      mode: {type: string, default: fast}
      note: {type: string, nullable: true, default: none}
      tier: {type: string}
      retry:
        type: object
        default: {}
        properties:
          attempts: {type: integer, default: 3}
      routes:
        type: array
        items:
          type: object
          properties:
            weight: {type: integer, default: 100}
      limits:
        type: object
        additionalProperties:
          type: object
          properties:
            burst: {type: integer, default: 10}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  mode: null
  note: null
  routes: [{name: a}, {name: b, weight: 5}]
  limits: {cpu: {}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: bare}
)y");
  ASSERT_EQ(objs->objects.size(), 3u);
  const doc::Node* schema = objs->objects[0].root();
  const Object& w = objs->objects[1];
  Defaults d(w, schema);
  auto at = [&](const doc::Node* map, std::string_view key) -> std::string {
    const doc::Node* v = map == nullptr ? nullptr : d.Find(map, key);
    if (v == nullptr) return "-";
    if (v->IsMap()) return "{map " + std::to_string(v->size()) + "}";
    return std::string(v->text());
  };
  const doc::Node* spec = w.root()->Get("spec");
  EXPECT_EQ(at(spec, "replicas"), "2");
  EXPECT_EQ(at(spec, "mode"), "fast");  // null, not nullable: pruned, then defaulted
  EXPECT_EQ(at(spec, "note"), "-");     // null and nullable: stays null
  EXPECT_EQ(at(spec, "tier"), "-");
  EXPECT_EQ(at(spec, "unknown"), "-");
  EXPECT_EQ(at(spec->Get("routes")->items()[0], "weight"), "100");
  EXPECT_EQ(at(spec->Get("limits")->Get("cpu"), "burst"), "10");
  EXPECT_EQ(at(w.metadata(), "labels"), "-");
  const doc::Node* retry = d.Find(spec, "retry");
  EXPECT_EQ(at(spec, "retry"), "{map 0}");
  EXPECT_EQ(at(retry, "attempts"), "3");  // the default's own properties are defaulted

  const Object& bare = objs->objects[2];
  Defaults b(bare, schema);
  const doc::Node* bare_spec = b.Find(bare.root(), "spec");
  ASSERT_NE(bare_spec, nullptr);
  const doc::Node* replicas = b.Find(bare_spec, "replicas");
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(replicas->text(), "2");
  Defaults none(bare);  // without its schema, a custom resource has no defaults
  EXPECT_EQ(none.Find(bare.root(), "spec"), nullptr);
}

TEST(Defaults, ContainersPullLatestImagesAlways) {
  auto p = ParseYaml(R"y(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  containers:
  - {name: a, image: nginx, ports: [{containerPort: 8080}]}
  - {name: b, image: "nginx:latest"}
  - {name: c, image: "nginx:1.27"}
  - {name: d, image: "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
  - {name: e, image: "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", resources: {limits: {cpu: 2, memory: 1Gi}, requests: {cpu: 1}}}
)y");
  const Object& o = p->objects[0];
  const doc::Node* containers = o.root()->Path({"spec", "containers"});
  Defaults d(o);
  auto pull = [&](std::size_t i) {
    const doc::Node* v = d.Find(containers->items()[i], "imagePullPolicy");
    return v ? std::string(v->text()) : std::string("-");
  };
  EXPECT_EQ(pull(0), "Always");
  EXPECT_EQ(pull(1), "Always");
  EXPECT_EQ(pull(2), "IfNotPresent");
  EXPECT_EQ(pull(3), "IfNotPresent");
  EXPECT_EQ(pull(4), "Always");  // a tag and a digest: the tag decides
  const doc::Node* port = containers->items()[0]->Path({"ports"})->items()[0];
  EXPECT_EQ(d.Find(port, "hostPort")->text(), "8080");
  EXPECT_EQ(d.Find(port, "protocol")->text(), "TCP");
  const doc::Node* requests = containers->items()[4]->Path({"resources", "requests"});
  EXPECT_EQ(d.Find(requests, "memory")->text(), "1Gi");
  EXPECT_EQ(d.Find(requests, "storage"), nullptr);
  EXPECT_EQ(DefaultAt(o, {"spec"}, "securityContext"), "{map 0}");
  EXPECT_EQ(DefaultAt(o, {"spec"}, "restartPolicy"), "Always");
  EXPECT_EQ(DefaultAt(o, {"spec"}, "hostPID"), "-");
}

TEST(Defaults, WorkloadsGetTheirControllersDefaults) {
  auto p = ParseYaml(R"y(apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      parallelism: 3
      template:
        spec:
          containers: [{name: a, image: x:1}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  parallelism: 3
  backoffLimitPerIndex: 1
  completionMode: Indexed
  template:
    spec:
      containers: [{name: a, image: x:1}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  updateStrategy: {type: OnDelete}
  template:
    spec:
      containers: [{name: a, image: x:1}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: n}
spec:
  podSelector: {}
  egress: []
---
apiVersion: example.com/v1
kind: Deployment
metadata: {name: custom}
spec: {}
)y");
  const Object& cron = p->objects[0];
  EXPECT_EQ(DefaultAt(cron, {"spec"}, "concurrencyPolicy"), "Allow");
  // The job template is not a Job: only its pod template is defaulted.
  EXPECT_EQ(DefaultAt(cron, {"spec", "jobTemplate", "spec"}, "backoffLimit"), "-");
  EXPECT_EQ(DefaultAt(cron, {"spec", "jobTemplate", "spec", "template", "spec"}, "dnsPolicy"),
            "ClusterFirst");
  const Object& job = p->objects[1];
  EXPECT_EQ(DefaultAt(job, {"spec"}, "completions"), "-");  // a work queue: parallelism alone
  EXPECT_EQ(DefaultAt(job, {"spec"}, "backoffLimit"), "2147483647");
  EXPECT_EQ(DefaultAt(job, {"spec"}, "podReplacementPolicy"), "TerminatingOrFailed");
  const Object& sts = p->objects[2];
  EXPECT_EQ(DefaultAt(sts, {"spec"}, "replicas"), "1");
  EXPECT_EQ(DefaultAt(sts, {"spec", "updateStrategy"}, "rollingUpdate"), "-");  // OnDelete
  EXPECT_EQ(DefaultAt(p->objects[3], {"spec"}, "policyTypes"), "[seq 2]");
  EXPECT_EQ(DefaultAt(p->objects[4], {"spec"}, "replicas"), "-");  // not apps/v1
}

}  // namespace
}  // namespace gori::k8s
