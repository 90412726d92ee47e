// Mappings: per-version CIS expansion, merging with RuleInfo, PSS by name, and consistency of
// the table with the catalogue and the registry.
#include <iostream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compliance/mappings.h"
#include "rules/registry.h"

namespace gori::compliance {
namespace {

using ::testing::ElementsAre;

std::vector<std::string_view> Keys(std::string_view rule) {
  std::vector<std::string_view> keys;
  for (const ControlRef& c : MappingsFor(rule).controls) keys.push_back(c.control->key);
  return keys;
}

TEST(Mappings, CisKeyTranslatesV110Numbering) {
  EXPECT_EQ(CisKey("1.10", "5.7.3"), "CIS-1.10 5.7.3");
  EXPECT_EQ(CisKey("1.11", "5.7.3"), "CIS-1.11 5.6.3");
  EXPECT_EQ(CisKey("1.12", "5.7.3"), "CIS-1.12 5.6.3");
  EXPECT_EQ(CisKey("1.11", "5.2.9"), "CIS-1.11 5.2.9");
  EXPECT_EQ(CisKey("1.12", "5.2.9"), "");
  EXPECT_EQ(CisKey("1.12", "5.2.10"), "CIS-1.12 5.2.9");
  EXPECT_EQ(CisKey("1.12", "5.2.13"), "CIS-1.12 5.2.12");
  EXPECT_EQ(CisKey("1.12", "5.2.8"), "CIS-1.12 5.2.8");
}

TEST(Mappings, BuiltinRuleMergesItsOwnMappingsWithTheTable) {
  EXPECT_THAT(Keys("sec-privileged"),
              ElementsAre("CIS-1.10 5.2.2", "CIS-1.11 5.2.2", "CIS-1.12 5.2.2", "NSA-PS-3",
                          "PCI-DSS-4.0 2.2.4"));
  EXPECT_THAT(Keys("sec-host-path"),
              ElementsAre("CIS-1.10 5.2.12", "CIS-1.11 5.2.12", "CIS-1.12 5.2.11", "NSA-PS-7",
                          "PCI-DSS-4.0 2.2.4"));
  // In the table, but not (yet) registered: the table alone answers.
  EXPECT_THAT(Keys("sec-dangerous-capabilities"),
              ElementsAre("CIS-1.10 5.2.8", "CIS-1.10 5.2.9", "CIS-1.10 5.2.10", "CIS-1.11 5.2.8",
                          "CIS-1.11 5.2.9", "CIS-1.11 5.2.10", "CIS-1.12 5.2.8", "CIS-1.12 5.2.9",
                          "NSA-PS-8", "PCI-DSS-4.0 2.2.4"));
}

TEST(Mappings, ComplianceRulesCarryTheirOwn) {
  EXPECT_THAT(Keys("cmp-data-residency"), ElementsAre("KR-EFSR 제14조의2"));
  EXPECT_THAT(Keys("cmp-default-deny-egress"),
              ElementsAre("CIS-1.10 5.3.2", "CIS-1.11 5.3.2", "CIS-1.12 5.3.2", "NSA-NS-2",
                          "PCI-DSS-4.0 1.3.2", "KR-EFSR 제15조", "ISMS-P 2.6.7"));
}

TEST(Mappings, PssRulesMapByControlName) {
  EXPECT_THAT(Keys("pss-capabilities-baseline"), ElementsAre("PSS capabilities_baseline"));
  EXPECT_THAT(Keys("pss-host-probes-and-host-lifecycle"),
              ElementsAre("PSS hostProbesAndHostLifecycle"));
  EXPECT_THAT(Keys("pss-run-as-non-root"), ElementsAre("PSS runAsNonRoot"));
  EXPECT_TRUE(Keys("pss-nonexistent").empty());
}

TEST(Mappings, TableKeysAllExistAndNeverPointAtUncheckableControls) {
  for (std::string_view id : MappedRuleIds()) {
    for (const std::string& key : TableKeys(id)) {
      auto c = FindControl(key);
      ASSERT_TRUE(c) << id << " -> " << key;
      EXPECT_NE(c->control->checkable, Checkable::kNo) << id << " -> " << key;
    }
  }
}

TEST(Mappings, EveryRegisteredRuleMappingIsAKnownControl) {
  for (const rules::Rule* r : rules::AllRules()) {
    auto m = MappingsFor(r->Info().id);
    EXPECT_TRUE(m.unknown.empty()) << r->Info().id << " maps to unknown " << m.unknown.front();
    for (const ControlRef& c : m.controls) {
      EXPECT_NE(c.control->checkable, Checkable::kNo) << r->Info().id << " -> " << c.control->key;
    }
  }
}

TEST(Mappings, ListsTableIdsNotYetRegistered) {
  // The table is keyed by the RULES.md catalogue; rules another branch is still writing are
  // listed here for information, not failed on.
  std::vector<std::string_view> missing;
  for (std::string_view id : MappedRuleIds()) {
    if (!rules::FindRule(id)) missing.push_back(id);
  }
  std::cout << "mapped rule ids not in this build (" << missing.size() << "):";
  for (auto id : missing) std::cout << ' ' << id;
  std::cout << '\n';
  RecordProperty("missing_mapped_rules", static_cast<int>(missing.size()));
  SUCCEED();
}

TEST(Mappings, CompliancesRulesAreOffByDefaultAndMapped) {
  std::size_t n = 0;
  for (const rules::Rule* r : rules::AllRules()) {
    const auto& info = r->Info();
    if (info.family != rules::Family::kCompliance) continue;
    ++n;
    EXPECT_TRUE(info.id.starts_with("cmp-")) << info.id;
    EXPECT_FALSE(info.enabled_by_default) << info.id;
    EXPECT_FALSE(MappingsFor(info.id).controls.empty()) << info.id;
  }
  EXPECT_EQ(n, 15u);
}

}  // namespace
}  // namespace gori::compliance
