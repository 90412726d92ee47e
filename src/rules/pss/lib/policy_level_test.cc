// Levels, versions, the --pss value and PSA's reading of Namespace labels.
#include "rules/pss/lib/policy_level.h"

#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::rules::pss {
namespace {

TEST(PssLevel, NamesAreExactAndCaseSensitive) {
  EXPECT_EQ(ParseLevel("privileged"), Level::kPrivileged);
  EXPECT_EQ(ParseLevel("baseline"), Level::kBaseline);
  EXPECT_EQ(ParseLevel("restricted"), Level::kRestricted);
  for (const char* bad : {"Restricted", "RESTRICTED", "restrict", " baseline", "", "default"}) {
    EXPECT_FALSE(ParseLevel(bad)) << bad;
  }
}

TEST(PssVersion, AcceptsLatestAndV1N) {
  EXPECT_EQ(ParseVersion("latest").value(), Version::Latest());
  EXPECT_EQ(ParseVersion("v1.0").value(), Version::Minor(0));
  EXPECT_EQ(ParseVersion("v1.25").value(), Version::Minor(25));
  EXPECT_EQ(ParseVersion("v1.100").value(), Version::Minor(100));
  EXPECT_EQ(ParseVersion("v1.9223372036854775807").value(), Version::Minor(9223372036854775807ull));
}

TEST(PssVersion, MalformedSpellingsAreErrors) {
  for (const char* bad :
       {"v1", "1.25", "v1.05", "v1.25.0", "V1.25", "v2.0", "", "v1.", "v1.-1", "v1.+2", "v1.2a",
        " v1.2", "v1.2 ", "Latest", "v1.9223372036854775808", "v1.99999999999999999999999"}) {
    auto v = ParseVersion(bad);
    ASSERT_FALSE(v) << bad;
    EXPECT_EQ(v.error().message,
              std::string("version \"") + bad + "\" must be \"latest\" or \"v1.N\"");
  }
}

TEST(PssVersion, LatestAndFutureVersionsEvaluateAsTheNewest) {
  EXPECT_EQ(Version::Latest().Effective(), kNewestMinor);
  EXPECT_EQ(Version::Minor(kNewestMinor).Effective(), kNewestMinor);
  EXPECT_EQ(Version::Minor(99).Effective(), kNewestMinor);
  EXPECT_EQ(Version::Minor(9223372036854775807ull).Effective(), kNewestMinor);
  EXPECT_EQ(Version::Minor(24).Effective(), 24u);
  EXPECT_EQ(Version::Minor(0).Effective(), 0u);
  EXPECT_EQ(Version::Minor(40).ToString(), "v1.40");
  EXPECT_EQ(Version::Latest().ToString(), "latest");
}

TEST(PssFlag, LevelWithOptionalVersion) {
  EXPECT_EQ(ParsePssFlag("restricted").value(), (Policy{Level::kRestricted, Version::Latest()}));
  EXPECT_EQ(ParsePssFlag("baseline:v1.25").value(), (Policy{Level::kBaseline, Version::Minor(25)}));
  EXPECT_EQ(ParsePssFlag("privileged:latest").value(),
            (Policy{Level::kPrivileged, Version::Latest()}));
  EXPECT_EQ(ParsePssFlag("restricted:v1.30").value().ToString(), "restricted:v1.30");
  EXPECT_EQ(ParsePssFlag("baseline").value().ToString(), "baseline:latest");
}

TEST(PssFlag, MalformedValuesSayWhatIsWrong) {
  EXPECT_EQ(ParsePssFlag("strict").error().message,
            "invalid --pss value \"strict\": level must be \"privileged\", \"baseline\" or "
            "\"restricted\"");
  EXPECT_EQ(ParsePssFlag("").error().message,
            "invalid --pss value \"\": level must be \"privileged\", \"baseline\" or "
            "\"restricted\"");
  EXPECT_EQ(ParsePssFlag("Baseline:v1.25").error().message,
            "invalid --pss value \"Baseline:v1.25\": level must be \"privileged\", \"baseline\" "
            "or \"restricted\"");
  EXPECT_EQ(ParsePssFlag("restricted:").error().message,
            "invalid --pss value \"restricted:\": version \"\" must be \"latest\" or \"v1.N\"");
  EXPECT_EQ(ParsePssFlag("restricted:v1").error().message,
            "invalid --pss value \"restricted:v1\": version \"v1\" must be \"latest\" or \"v1.N\"");
  EXPECT_EQ(ParsePssFlag("restricted:1.25").error().message,
            "invalid --pss value \"restricted:1.25\": version \"1.25\" must be \"latest\" or "
            "\"v1.N\"");
  EXPECT_EQ(ParsePssFlag("restricted:v1.25:x").error().message,
            "invalid --pss value \"restricted:v1.25:x\": version \"v1.25:x\" must be \"latest\" "
            "or \"v1.N\"");
}

std::optional<NamespacePolicy> LabelsOf(const std::string& labels,
                                        std::unique_ptr<k8s::testing::Parsed>& keep) {
  keep = k8s::testing::ParseYaml(
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: pay, labels: " + labels + "}\n");
  return EnforcePolicyOf(keep->objects.at(0));
}

TEST(PssNamespaceLabels, EnforceAndVersion) {
  std::unique_ptr<k8s::testing::Parsed> keep;
  auto p = LabelsOf(
      "{pod-security.kubernetes.io/enforce: baseline, "
      "pod-security.kubernetes.io/enforce-version: v1.25}",
      keep);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->policy, (Policy{Level::kBaseline, Version::Minor(25)}));
  EXPECT_FALSE(p->level_invalid);
  EXPECT_FALSE(p->version_invalid);
  EXPECT_EQ(p->Describe(),
            "namespace \"pay\" label pod-security.kubernetes.io/enforce=baseline, "
            "enforce-version=v1.25");
}

TEST(PssNamespaceLabels, MissingVersionMeansLatest) {
  std::unique_ptr<k8s::testing::Parsed> keep;
  auto p = LabelsOf("{pod-security.kubernetes.io/enforce: restricted}", keep);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->policy, (Policy{Level::kRestricted, Version::Latest()}));
  EXPECT_EQ(p->Describe(), "namespace \"pay\" label pod-security.kubernetes.io/enforce=restricted");
}

TEST(PssNamespaceLabels, InvalidVersionMeansLatest) {
  std::unique_ptr<k8s::testing::Parsed> keep;
  auto p = LabelsOf(
      "{pod-security.kubernetes.io/enforce: baseline, "
      "pod-security.kubernetes.io/enforce-version: \"1.25\"}",
      keep);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->policy, (Policy{Level::kBaseline, Version::Latest()}));
  EXPECT_TRUE(p->version_invalid);
  EXPECT_EQ(p->Describe(),
            "namespace \"pay\" label pod-security.kubernetes.io/enforce=baseline, "
            "enforce-version=\"1.25\" (not a version: PSA uses latest)");
}

TEST(PssNamespaceLabels, InvalidLevelFailsClosedAsRestricted) {
  std::unique_ptr<k8s::testing::Parsed> keep;
  auto p = LabelsOf(
      "{pod-security.kubernetes.io/enforce: Baseline, "
      "pod-security.kubernetes.io/enforce-version: v1.20}",
      keep);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->policy, (Policy{Level::kRestricted, Version::Minor(20)}));
  EXPECT_TRUE(p->level_invalid);
  EXPECT_EQ(p->Describe(),
            "namespace \"pay\" label pod-security.kubernetes.io/enforce=\"Baseline\" (not a "
            "level: PSA enforces restricted), enforce-version=v1.20");
  auto empty = LabelsOf("{pod-security.kubernetes.io/enforce: \"\"}", keep);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->policy.level, Level::kRestricted);
}

TEST(PssNamespaceLabels, NoEnforceLabelMeansNoPolicy) {
  std::unique_ptr<k8s::testing::Parsed> keep;
  EXPECT_FALSE(LabelsOf("{pod-security.kubernetes.io/warn: restricted}", keep));
  EXPECT_FALSE(LabelsOf("{pod-security.kubernetes.io/enforce-version: v1.25}", keep));
  EXPECT_FALSE(LabelsOf("{team: pay}", keep));
  keep = k8s::testing::ParseYaml(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pay, labels: "
      "{pod-security.kubernetes.io/enforce: restricted}}\n");
  EXPECT_FALSE(EnforcePolicyOf(keep->objects.at(0)));
}

}  // namespace
}  // namespace gori::rules::pss
