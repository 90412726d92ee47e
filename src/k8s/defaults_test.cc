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
