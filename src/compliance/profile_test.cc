// Profiles: names, control sets, rule selection (including rules off by default).
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compliance/profile.h"
#include "rules/engine.h"

namespace gori::compliance {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::vector<std::string_view> RuleIds(std::string_view profile) {
  std::vector<std::string_view> ids;
  for (const rules::Rule* r : ProfileRules(*FindProfile(profile))) ids.push_back(r->Info().id);
  return ids;
}

TEST(Profiles, TheEightProfiles) {
  EXPECT_EQ(ProfileNames(),
            "pss-baseline, pss-restricted, cis-1.10, cis-1.11, cis-1.12, nsa-1.2, pci-dss-4.0, "
            "kr-fin");
}

TEST(Profiles, UnknownNameIsAnErrorNamingTheKnownOnes) {
  rules::Config config;
  std::vector<std::string> names{"cis-1.9"};
  auto sel = SelectProfiles(names, config);
  ASSERT_FALSE(sel);
  EXPECT_EQ(sel.error().message,
            "unknown profile 'cis-1.9' (want one of pss-baseline, pss-restricted, cis-1.10, "
            "cis-1.11, cis-1.12, nsa-1.2, pci-dss-4.0, kr-fin)");
}

TEST(Profiles, PssBaselineHasOnlyBaselineControls) {
  auto baseline = ProfileControls(*FindProfile("pss-baseline"));
  auto restricted = ProfileControls(*FindProfile("pss-restricted"));
  EXPECT_EQ(baseline.size(), 12u);
  EXPECT_EQ(restricted.size(), 19u);
  for (const auto& c : baseline) EXPECT_EQ(c.control->level, "baseline") << c.control->key;
}

TEST(Profiles, RulesFollowTheMappings) {
  auto cis = RuleIds("cis-1.12");
  EXPECT_THAT(cis, Contains("sec-privileged"));
  EXPECT_THAT(cis, Contains("cmp-default-deny-ingress"));
  EXPECT_THAT(cis, Not(Contains("cmp-data-residency")));
  auto kr = RuleIds("kr-fin");
  EXPECT_THAT(kr, Contains("cmp-data-residency"));
  EXPECT_THAT(kr, Contains("cmp-public-exposure"));
  EXPECT_THAT(kr, Not(Contains("sec-privileged")));
}

TEST(Profiles, SelectionTurnsOnRulesThatAreOffByDefault) {
  rules::Config config;
  std::vector<std::string> names{"kr-fin", "pss-restricted", "kr-fin", "pss-baseline"};
  auto sel = SelectProfiles(names, config);
  ASSERT_TRUE(sel);
  EXPECT_EQ(sel->profiles.size(), 3u);
  EXPECT_EQ(sel->pss_level, "restricted");
  rules::Engine engine(config);
  std::vector<std::string_view> active;
  for (const rules::Rule* r : engine.active()) active.push_back(r->Info().id);
  EXPECT_THAT(active, Contains("cmp-data-residency"));
  EXPECT_THAT(active, Not(Contains("sec-privileged")));
}

TEST(Profiles, SelectionAddsToExplicitRules) {
  rules::Config config;
  config.only = {"sec-*"};
  std::vector<std::string> names{"pci-dss-4.0"};
  ASSERT_TRUE(SelectProfiles(names, config));
  EXPECT_EQ(config.only.front(), "sec-*");
  EXPECT_THAT(config.only, Contains("cmp-default-deny-ingress"));
}

}  // namespace
}  // namespace gori::compliance
