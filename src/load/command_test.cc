#include "load/command.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace gori::load {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

const char* kScenario = R"(name: checkout
base_url: http://127.0.0.1:8080
load:
  model: open
  connections: 4
  stages:
    - {duration: 20s, target: 100}
steps:
  - name: pay
    request:
      method: POST
      path: /pay
thresholds:
  - latency.p99 < 200ms
)";

TEST(PlanRun, FlagsOverrideTheScenarioAndItsThresholdsComeFirst) {
  CommandFlags f;
  f.file = WriteTemp("gori_command_test_scenario.yaml", kScenario);
  f.connections = 16;
  f.requests = 500;
  f.thresholds = {"step.pay.latency.p95 < 100ms"};
  auto plan = PlanRun(f);
  ASSERT_TRUE(plan) << plan.error().ToString();
  EXPECT_EQ(plan->settings.load.connections, 16);
  EXPECT_EQ(plan->settings.load.requests, 500);
  ASSERT_EQ(plan->thresholds.size(), 2u);
  EXPECT_EQ(plan->thresholds[0].expr, "latency.p99 < 200ms");
  EXPECT_EQ(plan->thresholds[1].expr, "step.pay.latency.p95 < 100ms");
  EXPECT_EQ(plan->target, f.file);
}

TEST(PlanRun, AScenarioSettingStaysWhenNoFlagIsGiven) {
  CommandFlags f;
  f.file = WriteTemp("gori_command_test_scenario.yaml", kScenario);
  auto plan = PlanRun(f);
  ASSERT_TRUE(plan) << plan.error().ToString();
  EXPECT_EQ(plan->settings.load.connections, 4);
  EXPECT_TRUE(plan->settings.load.open);
  EXPECT_EQ(plan->settings.load.duration_ns, int64_t{20'000'000'000});
}

TEST(PlanRun, AThresholdOnAStepTheScenarioLacksIsRefused) {
  CommandFlags f;
  f.file = WriteTemp("gori_command_test_scenario.yaml", kScenario);
  f.thresholds = {"step.refund.latency.p99 < 1s"};
  auto plan = PlanRun(f);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().message,
            "threshold 'step.refund.latency.p99 < 1s' names step 'refund', which the scenario "
            "does not have");
}

TEST(PlanRun, ContradictoryFlagsAreUsageErrors) {
  struct Case {
    CommandFlags flags;
    std::string message;
  };
  auto quick = [] {
    CommandFlags f;
    f.url = "http://127.0.0.1:8080/";
    return f;
  };
  std::vector<Case> cases;
  cases.push_back({CommandFlags{}, "give a URL or a scenario file (-f scenario.yaml)"});
  {
    CommandFlags f = quick();
    f.file = "x.yaml";
    cases.push_back({f, "give either a URL or -f scenario.yaml, not both"});
  }
  {
    CommandFlags f = quick();
    f.duration = "10s";
    f.requests = 10;
    cases.push_back({f, "use -d DURATION or -n REQUESTS, not both"});
  }
  {
    CommandFlags f = quick();
    f.rate = "100";
    f.stages = "10s:100";
    cases.push_back({f, "use --rate or --stages, not both"});
  }
  {
    CommandFlags f = quick();
    f.drop_late = true;
    cases.push_back({f, "--drop-late needs an open model (--rate or --stages)"});
  }
  {
    CommandFlags f = quick();
    f.duration = "0s";
    cases.push_back({f, "-d must be positive"});
  }
  {
    CommandFlags f = quick();
    f.proto = "pay.proto";
    cases.push_back({f, "--proto and --protoset describe a grpc:// or grpcs:// target"});
  }
  {
    CommandFlags f;
    f.file = WriteTemp("gori_command_test_scenario.yaml", kScenario);
    f.method = "POST";
    cases.push_back(
        {f, "-m, -H and --body belong to the quick form; a scenario sets them per step"});
  }
  for (const Case& c : cases) {
    auto plan = PlanRun(c.flags);
    ASSERT_FALSE(plan) << c.message;
    EXPECT_EQ(plan.error().message, c.message);
  }
}

TEST(PlanRun, QuickFormRateMakesAnOpenModelWithOneStage) {
  CommandFlags f;
  f.url = "http://127.0.0.1:8080/";
  f.rate = "2000";
  f.duration = "1m";
  f.http = "1.1";
  auto plan = PlanRun(f);
  ASSERT_TRUE(plan) << plan.error().ToString();
  EXPECT_TRUE(plan->settings.load.open);
  ASSERT_EQ(plan->settings.load.stages.size(), 1u);
  EXPECT_DOUBLE_EQ(plan->settings.load.stages[0].from_rps, 2000);
  EXPECT_EQ(plan->settings.http, HttpVersion::k1);
  EXPECT_EQ(plan->scenario.steps.size(), 1u);
}

TEST(EmitK8sManifests, NeedsAScenarioFile) {
  CommandFlags f;
  f.url = "http://127.0.0.1:8080/";
  f.emit_k8s = 2;
  f.image = "gori/gori:test";
  std::vector<std::string> warnings;
  auto yaml = EmitK8sManifests(f, warnings);
  ASSERT_FALSE(yaml);
  EXPECT_EQ(yaml.error().message,
            "--emit-k8s needs a scenario file (-f), which the pods read from a ConfigMap");
}

}  // namespace
}  // namespace gori::load
