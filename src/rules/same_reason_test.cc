#include "rules/same_reason.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/registry.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Finding At(std::string_view rule, Severity severity, uint32_t line, uint32_t column,
           std::string message) {
  Finding f;
  f.rule_id = rule;
  f.severity = severity;
  f.file = "pod.yaml";
  f.line = line;
  f.column = column;
  f.message = std::move(message);
  return f;
}

TEST(SameReason, EveryPairNamesARegisteredPssAndSecRule) {
  for (const auto& [pss, sec] : SameReasonPairs()) {
    EXPECT_TRUE(pss.starts_with("pss-")) << pss;
    EXPECT_TRUE(sec.starts_with("sec-")) << sec;
    EXPECT_NE(FindRule(pss), nullptr) << pss;
    EXPECT_NE(FindRule(sec), nullptr) << sec;
    EXPECT_TRUE(SameReason(pss, sec));
    EXPECT_TRUE(SameReason(sec, pss));
  }
  EXPECT_FALSE(SameReason("pss-privileged", "sec-host-path"));
}

TEST(SameReason, TheMoreSevereFindingStaysAndNamesTheOther) {
  std::vector<Finding> f;
  f.push_back(At("pss-privileged", Severity::kHigh, 22, 39, "privileged (container \"tune\")"));
  f.push_back(
      At("sec-privileged", Severity::kCritical, 22, 39, "container 'tune' runs privileged"));
  MergeSameReason(f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule_id, "sec-privileged");
  EXPECT_EQ(f[0].severity, Severity::kCritical);
  EXPECT_EQ(f[0].message, "container 'tune' runs privileged (also pss-privileged)");
  EXPECT_THAT(f[0].also_rules, ElementsAre("pss-privileged"));
}

TEST(SameReason, OnATieTheSecFindingStaysAndAPssFindingCanStayWhenMoreSevere) {
  std::vector<Finding> f;
  f.push_back(
      At("pss-capabilities-restricted", Severity::kHigh, 9, 9, "unrestricted capabilities"));
  f.push_back(At("sec-capabilities-not-dropped", Severity::kMedium, 9, 9, "no drop ALL"));
  f.push_back(At("pss-run-as-user", Severity::kHigh, 12, 7, "runAsUser=0"));
  f.push_back(At("sec-run-as-root", Severity::kHigh, 12, 7, "runs as root"));
  MergeSameReason(f);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].rule_id, "pss-capabilities-restricted");
  EXPECT_EQ(f[0].message, "unrestricted capabilities (also sec-capabilities-not-dropped)");
  EXPECT_EQ(f[1].rule_id, "sec-run-as-root");
  EXPECT_EQ(f[1].message, "runs as root (also pss-run-as-user)");
}

TEST(SameReason, TwoPssControlsOnOneSecFindingAreNamedTogether) {
  std::vector<Finding> f;
  f.push_back(At("pss-run-as-non-root", Severity::kHigh, 5, 3, "runAsNonRoot != true"));
  f.push_back(At("pss-run-as-user", Severity::kHigh, 5, 3, "runAsUser=0"));
  f.push_back(At("sec-run-as-root", Severity::kHigh, 5, 3, "runs as root"));
  MergeSameReason(f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message, "runs as root (also pss-run-as-non-root, pss-run-as-user)");
}

TEST(SameReason, OtherNodesOtherReasonsAndSuppressedFindingsStaySeparate) {
  std::vector<Finding> f;
  f.push_back(At("pss-privileged", Severity::kHigh, 22, 39, "a"));
  f.push_back(At("sec-privileged", Severity::kCritical, 30, 39, "b"));  // another container
  f.push_back(At("pss-capabilities-restricted", Severity::kHigh, 40, 9, "c"));
  f.push_back(At("sec-privilege-escalation", Severity::kHigh, 40, 9, "d"));  // another field
  f.push_back(At("pss-host-path-volumes", Severity::kHigh, 50, 9, "e"));
  f.push_back(At("sec-host-path", Severity::kHigh, 50, 9, "f"));
  f.back().suppressed = true;
  MergeSameReason(f);
  ASSERT_EQ(f.size(), 6u);
  for (const Finding& x : f) EXPECT_THAT(x.also_rules, IsEmpty()) << x.rule_id;
}

}  // namespace
}  // namespace gori::rules
