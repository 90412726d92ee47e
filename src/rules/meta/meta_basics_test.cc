// Tests for meta-duplicate-key and meta-yaml11-trap.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using testing::RunRule;

TEST(MetaDuplicateKey, ReportsTheLaterKeyInsideItsObject) {
  auto r = RunRule("meta-duplicate-key", R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: b}
  data:
    k: "1"
    k: "2"
)");
  EXPECT_THAT(r.Where(), ElementsAre("12:5 meta-duplicate-key"));
  EXPECT_EQ(r[0].message,
            "key 'k' repeats the one at line 11:5; only this last value takes effect");
  EXPECT_EQ(r[0].object->name(), "b");
}

TEST(MetaYaml11Trap, StringFieldsOnly) {
  auto r = RunRule("meta-yaml11-trap", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {tier: web, legacy: no, quoted: "no"}
spec:
  replicas: 2
  template:
    metadata:
      annotations: {mode: 0755}
    spec:
      containers:
      - name: api
        args: [--verbose, on]
        env:
        - {name: A, value: y}
        - {name: B, value: "y"}
        - {name: C, value: 1e3}
        - {name: D, value: }
)");
  EXPECT_THAT(r.Where(), ElementsAre("5:31 meta-yaml11-trap", "10:27 meta-yaml11-trap",
                                     "14:27 meta-yaml11-trap", "16:28 meta-yaml11-trap",
                                     "18:28 meta-yaml11-trap"));
  EXPECT_EQ(r[0].message,
            "'no' is read as boolean false by Kubernetes' YAML 1.1 decoder, not as the string "
            "'no'; quote it");
  EXPECT_EQ(r[1].message,
            "'0755' is read as integer 493 by Kubernetes' YAML 1.1 decoder, not as the string "
            "'0755'; quote it");
  EXPECT_EQ(r[1].path, "spec.template.metadata.annotations.mode");
}

TEST(MetaYaml11Trap, KeysToo) {
  auto r = RunRule("meta-yaml11-trap", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
  labels: {on: "1", "off": "0"}
data:
  yes: "enabled"
)");
  EXPECT_THAT(r.Where(), ElementsAre("5:12 meta-yaml11-trap", "7:3 meta-yaml11-trap"));
  EXPECT_EQ(r[0].message,
            "key 'on' is read as boolean true by Kubernetes' YAML 1.1 decoder and becomes the key "
            "'true'; quote it");
  EXPECT_EQ(r[0].path, "metadata.labels");
}

}  // namespace
}  // namespace gori::rules
