#include "rules/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/registry.h"
#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;

constexpr char kBadPod[] = R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  containers:
  - name: c
    image: nginx
    securityContext: {privileged: true}
)";

TEST(Registry, IdsAreUniqueSortedAndWellFormed) {
  auto rules = AllRules();
  ASSERT_FALSE(rules.empty());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& info = rules[i]->Info();
    EXPECT_FALSE(info.summary.empty()) << info.id;
    EXPECT_FALSE(info.remediation.empty()) << info.id;
    EXPECT_FALSE(info.rationale.empty()) << info.id;
    EXPECT_NE(info.id.find('-'), std::string_view::npos) << info.id;
    if (i > 0) {
      EXPECT_LT(rules[i - 1]->Info().id, info.id);
    }
  }
  EXPECT_NE(FindRule("sec-privileged"), nullptr);
  EXPECT_EQ(FindRule("nope"), nullptr);
}

TEST(Glob, Matches) {
  EXPECT_TRUE(GlobMatch("sec-*", "sec-privileged"));
  EXPECT_TRUE(GlobMatch("*", "x"));
  EXPECT_TRUE(GlobMatch("sec-host-???", "sec-host-pid"));
  EXPECT_FALSE(GlobMatch("sec-host-???", "sec-host-network"));
  EXPECT_FALSE(GlobMatch("rel-*", "sec-privileged"));
  EXPECT_TRUE(GlobMatch("*-probe", "rel-liveness-probe"));
}

TEST(Engine, FindingsAreSortedByPositionThenRule) {
  auto r = testing::RunRules({"sec-privileged", "sec-host-network", "sup-latest-tag"}, kBadPod);
  EXPECT_THAT(r.Where(),
              ElementsAre("5:16 sec-host-network", "8:12 sup-latest-tag", "9:35 sec-privileged"));
}

TEST(Engine, SelectionByFamilyGlobAndSeverityOverride) {
  Config config;
  config.severity_overrides["sec-host-network"] = Severity::kLow;
  auto r = testing::RunRules({"sec-host-*"}, kBadPod, config);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].severity, Severity::kLow);
  Config disabled;
  disabled.disable = {"security"};
  auto d = testing::RunRules({"sec-*"}, kBadPod, disabled);
  EXPECT_EQ(d.size(), 0u);
}

TEST(Severity, ParseAndName) {
  EXPECT_EQ(ParseSeverity("high").value(), Severity::kHigh);
  EXPECT_EQ(SeverityName(Severity::kCritical), "critical");
  EXPECT_EQ(ParseSeverity("urgent").error().message,
            "unknown severity 'urgent' (want critical, high, medium, low or info)");
}

}  // namespace
}  // namespace gori::rules
