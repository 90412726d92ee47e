#include "guard/guard.h"

#include <cstdio>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::guard {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kExempted[] = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: ops
  annotations:
    compliance/exempt-sec-privileged: "node agent; reviewed by security 2026-01"
    gori.io/ignore.sup-latest-tag: "pinned by the rollout tool"
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:latest
        securityContext: {privileged: true}
)";

std::vector<std::string> Suppressed(const Outcome& o) {
  std::vector<std::string> v;
  for (const rules::Finding& f : o.findings) {
    if (f.suppressed) v.push_back(std::string(f.rule_id) + ": " + f.suppression_reason);
  }
  return v;
}

TEST(Guard, AnnotationsAndJustifiedExemptionsSuppressWithTheirReasons) {
  rules::Config config;
  config.only = {"sec-privileged", "sup-latest-tag"};
  Guard guard(std::move(config));
  auto parsed = k8s::testing::ParseYaml(kExempted);
  Outcome o = guard.Run(parsed->objects);
  ASSERT_TRUE(o.index);
  EXPECT_EQ(o.index->objects().size(), 1u);
  EXPECT_THAT(
      Suppressed(o),
      ElementsAre("sup-latest-tag: gori.io/ignore.sup-latest-tag: pinned by the rollout tool",
                  AllOf(HasSubstr("sec-privileged: compliance exemption"),
                        HasSubstr(": node agent; reviewed by security 2026-01"))));
  ASSERT_EQ(o.exemptions.applied.size(), 1u);
  EXPECT_EQ(o.exemptions.applied[0].rule_id, "sec-privileged");
  EXPECT_FALSE(o.error);
}

TEST(Guard, CreateReadsTheConfigurationAndBaselineAndReportsBadOptions) {
  std::string dir = ::testing::TempDir();
  std::string cfg = dir + "guard_test_gori.yaml";
  std::ofstream(cfg) << "rules:\n  severity: {sec-privileged: low}\n";
  Options options;
  options.config_file = cfg;
  options.rules = {"sec-privileged"};
  auto guard = Guard::Create(options);
  ASSERT_TRUE(guard) << guard.error().ToString();
  auto parsed = k8s::testing::ParseYaml(kExempted);
  Outcome o = (*guard)->Run(parsed->objects);
  ASSERT_EQ(o.findings.size(), 1u);
  EXPECT_EQ(o.findings[0].severity, rules::Severity::kLow);

  options.write_baseline = dir + "guard_test_baseline.json";
  options.rules = {"sup-latest-tag"};
  o = (*Guard::Create(options))->Run(parsed->objects);
  EXPECT_FALSE(o.error);
  options.write_baseline.clear();
  options.baseline = dir + "guard_test_baseline.json";
  // The annotation suppressed the finding first, so the baseline recorded nothing.
  EXPECT_THAT(Suppressed((*Guard::Create(options))->Run(parsed->objects)),
              ElementsAre(HasSubstr("gori.io/ignore.sup-latest-tag")));
  std::remove(cfg.c_str());
  std::remove(options.baseline.c_str());

  EXPECT_EQ(Guard::Create({.profiles = {"nope"}}).error().message.rfind("--profile: unknown", 0),
            0u);
  EXPECT_EQ(Guard::Create({.kubernetes_version = "one"}).error().message,
            "--kubernetes-version: 'one' is not a version such as 1.31");
  EXPECT_EQ(Guard::Create({.rules = {"nothing-*"}, .require_rules = true}).error().message,
            "--rules 'nothing-*' selects no rule (see gori rules)");
  EXPECT_THAT(Guard::Create({.baseline = "/nonexistent/b.json"}).error().message,
              HasSubstr("--baseline: /nonexistent/b.json"));
}

TEST(Guard, WriteBaselineAcceptsTheRunThatWroteIt) {
  Options options;
  options.rules = {"sec-privileged"};
  options.write_baseline = ::testing::TempDir() + "guard_test_written.json";
  auto parsed = k8s::testing::ParseYaml(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, "
      "image: \"x:1\", securityContext: {privileged: true}}]\n");
  Outcome o = (*Guard::Create(options))->Run(parsed->objects);
  EXPECT_THAT(Suppressed(o),
              ElementsAre("sec-privileged: recorded in baseline " + options.write_baseline));
  std::remove(options.write_baseline.c_str());
  options.write_baseline = "/nonexistent/dir/b.json";
  o = (*Guard::Create(options))->Run(parsed->objects);
  ASSERT_TRUE(o.error);
  EXPECT_EQ(o.error->message, "cannot write /nonexistent/dir/b.json: No such file or directory");
}

// Findings of other checkers (bound policies, later) go through the same suppressions.
class FlagEveryPod final : public Checker {
 public:
  void Check(const rules::Config&, const rules::Index& index,
             std::vector<rules::Finding>& out) const override {
    for (const k8s::Object& o : index.objects()) {
      rules::Finding f;
      f.rule_id = "sup-latest-tag";
      f.object = &o;
      f.message = "from a checker";
      out.push_back(std::move(f));
    }
  }
};

TEST(Guard, CheckersRunOverTheSameIndexAndAreSuppressedLikeRules) {
  rules::Config config;
  config.only = {"sec-privileged"};
  Guard guard(std::move(config));
  guard.AddChecker(std::make_unique<FlagEveryPod>());
  auto parsed = k8s::testing::ParseYaml(kExempted);
  Outcome o = guard.Run(parsed->objects);
  ASSERT_EQ(o.findings.size(), 2u);
  EXPECT_EQ(o.findings[0].message, "from a checker");
  EXPECT_TRUE(o.findings[0].suppressed);
}

}  // namespace
}  // namespace gori::guard
