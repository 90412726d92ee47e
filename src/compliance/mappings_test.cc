// Mappings: per-version CIS expansion, PSS by name, the corrections, and consistency of the
// table with the catalogue and the registry.
#include <algorithm>

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

TEST(Mappings, TableIsExpandedToEveryCisVersion) {
  EXPECT_THAT(Keys("sec-privileged"),
              ElementsAre("CIS-1.10 5.2.2", "CIS-1.11 5.2.2", "CIS-1.12 5.2.2", "NSA-PS-3",
                          "PCI-DSS-4.0 2.2.4"));
  EXPECT_THAT(Keys("sec-host-path"),
              ElementsAre("CIS-1.10 5.2.12", "CIS-1.11 5.2.12", "CIS-1.12 5.2.11", "NSA-PS-7",
                          "PCI-DSS-4.0 2.2.4"));
  EXPECT_THAT(Keys("sec-dangerous-capabilities"),
              ElementsAre("CIS-1.10 5.2.8", "CIS-1.10 5.2.9", "CIS-1.10 5.2.10", "CIS-1.11 5.2.8",
                          "CIS-1.11 5.2.9", "CIS-1.11 5.2.10", "CIS-1.12 5.2.8", "CIS-1.12 5.2.9",
                          "NSA-PS-8", "PCI-DSS-4.0 2.2.4"));
}

TEST(Mappings, ComplianceRulesAreInTheSameTable) {
  EXPECT_THAT(Keys("cmp-data-residency"), ElementsAre("KR-EFSR 제14조의2제8항"));
  EXPECT_THAT(Keys("cmp-default-deny-egress"),
              ElementsAre("CIS-1.10 5.3.2", "CIS-1.11 5.3.2", "CIS-1.12 5.3.2", "NSA-NS-2",
                          "PCI-DSS-4.0 1.3.2", "KR-EFSR 제15조제1항제3호", "ISMS-P 2.6.7"));
}

// Mappings that overclaimed and were taken out; they must not come back unnoticed.
TEST(Mappings, CorrectionsHold) {
  EXPECT_THAT(Keys("sec-literal-secret-env"), ElementsAre("NSA-NS-7", "ISMS-P 2.7.2"));
  EXPECT_THAT(Keys("sec-sensitive-configmap"), ElementsAre("NSA-NS-7", "ISMS-P 2.7.2"));
  EXPECT_THAT(Keys("sup-latest-tag"), ElementsAre("NSA-PS-13", "ISMS-P 2.8.6"));
  EXPECT_THAT(Keys("sup-digest"), ElementsAre("NSA-PS-13", "ISMS-P 2.8.6"));
  EXPECT_THAT(Keys("sup-registry"), ElementsAre("NSA-PS-13", "ISMS-P 2.8.6"));
  EXPECT_THAT(Keys("cmp-image-signature-policy"),
              ElementsAre("CIS-1.10 5.5.1", "CIS-1.11 5.5.1", "CIS-1.12 5.5.1", "NSA-PS-13",
                          "ISMS-P 2.8.6"));
  EXPECT_THAT(Keys("cmp-mesh-mtls"), ElementsAre("NSA-NS-6", "NSA-LG-6", "ISMS-P 2.7.1"));
  EXPECT_THAT(Keys("cmp-log-collection"), ElementsAre("NSA-LG-2", "ISMS-P 2.9.4"));
  EXPECT_THAT(Keys("res-namespace-quota"), ElementsAre("NSA-NS-3"));
  EXPECT_THAT(
      Keys("sec-windows-host-process"),
      ElementsAre("CIS-1.10 5.2.11", "CIS-1.11 5.2.11", "CIS-1.12 5.2.10", "PCI-DSS-4.0 2.2.4"));
  EXPECT_THAT(Keys("rbac-broad-subjects"),
              ElementsAre("NSA-AA-2", "PCI-DSS-4.0 7.2.2", "PCI-DSS-4.0 7.3.3", "ISMS-P 2.5.5"));
  // CIS 5.5.1 (provenance at admission) is mapped by the signature-policy rule alone.
  for (std::string_view id : MappedRuleIds()) {
    for (const std::string& key : TableKeys(id)) {
      if (key.ends_with(" 5.5.1")) {
        EXPECT_EQ(id, "cmp-image-signature-policy") << key;
      }
    }
  }
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

TEST(Mappings, EveryTableRuleIsRegistered) {
  for (std::string_view id : MappedRuleIds()) {
    EXPECT_TRUE(rules::FindRule(id)) << id << " is in the mapping table but not a rule";
  }
}

TEST(Mappings, EveryHardeningRuleIsMapped) {
  // Security, RBAC, network, supply-chain and compliance rules are the ones frameworks speak
  // of; a new rule there needs an entry (or a reason in docs/compliance.md and here).
  const std::vector<std::string_view> unmapped_on_purpose = {
      "sec-deprecated-sa-field",
      "sec-missing-service-account",
      "sec-privileged-port",
      "sec-probe-host",
      "rbac-dangling-role-ref",
      "net-ingress-backend",
      "net-ingress-collision",
      "net-policy-peer-selects-nothing",
      "net-policy-selects-nothing",
      "net-port-name",
      "net-service-port",
      "net-service-selects-nothing",
      "net-servicemonitor-selects-nothing",
      "sup-git-repo-volume",
      "sup-pull-policy",
  };
  for (const rules::Rule* r : rules::AllRules()) {
    const rules::RuleInfo& info = r->Info();
    using F = rules::Family;
    if (info.family != F::kSecurity && info.family != F::kRbac && info.family != F::kNetwork &&
        info.family != F::kSupply && info.family != F::kCompliance) {
      continue;
    }
    bool listed = std::find(unmapped_on_purpose.begin(), unmapped_on_purpose.end(), info.id) !=
                  unmapped_on_purpose.end();
    EXPECT_EQ(MappingsFor(info.id).controls.empty(), listed) << info.id;
  }
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
