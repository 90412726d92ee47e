#include "guard/baseline.h"

#include <cstdio>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::guard {
namespace {

using ::testing::ElementsAre;

// The rules' findings over `yaml`, with `baseline` applied the way Guard::Run does.
rules::testing::Run RunWith(std::vector<std::string> only, std::string yaml,
                            const Baseline* baseline = nullptr) {
  rules::testing::Run r = rules::testing::RunRules(std::move(only), std::move(yaml));
  if (baseline) baseline->Apply(r.findings);
  return r;
}

std::vector<std::string> Kept(const rules::testing::Run& r) {
  std::vector<std::string> v;
  for (const auto& f : r.findings) {
    if (!f.suppressed)
      v.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
                  std::string(f.rule_id));
  }
  return v;
}

constexpr char kTwoPods[] = R"(apiVersion: v1
kind: Pod
metadata: {name: a, namespace: pay}
spec:
  hostNetwork: true
  containers: [{name: c, image: "x:1", securityContext: {privileged: true}}]
)";

TEST(Baseline, RecordsByRuleObjectAndPathNotLine) {
  auto first = RunWith({"sec-host-network", "sec-privileged"}, kTwoPods);
  std::string text = Baseline::Serialize(first.findings);
  EXPECT_EQ(text, R"({
  "gori_baseline": 1,
  "findings": [
    {
      "rule": "sec-host-network",
      "kind": "Pod",
      "namespace": "pay",
      "name": "a",
      "path": "spec.hostNetwork"
    },
    {
      "rule": "sec-privileged",
      "kind": "Pod",
      "namespace": "pay",
      "name": "a",
      "path": "spec.containers[0].securityContext.privileged"
    }
  ]
}
)");
  auto b = Baseline::Parse("base.json", text);
  ASSERT_TRUE(b) << b.error().ToString();
  EXPECT_EQ(b->entries(), 2u);
  // Lines shift and a second container appears: only the new finding is kept.
  auto later = RunWith({"sec-host-network", "sec-privileged"}, R"(# moved down
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: pay}
spec:
  hostNetwork: true
  containers:
  - {name: c, image: "x:1", securityContext: {privileged: true}}
  - {name: d, image: "x:1", securityContext: {privileged: true}}
)",
                       &*b);
  EXPECT_THAT(Kept(later), ElementsAre("9:59 sec-privileged"));
  EXPECT_EQ(later[0].suppression_reason, "recorded in baseline base.json");
  // Writing a new baseline keeps what the old one suppressed.
  EXPECT_EQ(Baseline::Parse("b2", Baseline::Serialize(later.findings))->entries(), 3u);
}

TEST(Baseline, CountsRepeatedKeys) {
  std::string text = R"({"gori_baseline": 1, "findings": [
    {"rule": "meta-duplicate-key", "kind": "Pod", "namespace": "pay", "name": "a", "path": "", "count": 1}]})";
  auto b = Baseline::Parse("b", text);
  ASSERT_TRUE(b);
  auto r = RunWith({"meta-duplicate-key"}, R"(apiVersion: v1
kind: Pod
metadata: {name: a, namespace: pay, name: a}
spec: {containers: [{name: c, name: c}]}
)",
                   &*b);
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(Kept(r).size(), 1u);
}

TEST(Baseline, BadFilesFailWithPositions) {
  EXPECT_EQ(Baseline::Parse("b.json", "{\"findings\": []}").error().ToString(),
            "b.json:1:1: not a gori baseline (written by gori check --write-baseline)");
  EXPECT_EQ(Baseline::Parse("b.json", "{\"gori_baseline\": 1, \"findings\": [{\"kind\": \"Pod\"}]}")
                .error()
                .ToString(),
            "b.json:1:35: baseline entry has no rule");
  EXPECT_FALSE(Baseline::Parse("b.json", "{nope"));
  EXPECT_EQ(Baseline::Load("/nonexistent/b.json").error().ToString().find("/nonexistent/b.json"),
            0u);
}

TEST(Baseline, WriteAndLoad) {
  auto r = RunWith({"sec-host-network"}, kTwoPods);
  std::string path = ::testing::TempDir() + "gori_baseline_test.json";
  ASSERT_TRUE(Baseline::Write(path, r.findings));
  auto b = Baseline::Load(path);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->entries(), 1u);
  std::remove(path.c_str());
  EXPECT_EQ(Baseline::Write("/nonexistent/dir/b.json", r.findings).error().message,
            "cannot write /nonexistent/dir/b.json: No such file or directory");
}

}  // namespace
}  // namespace gori::guard
