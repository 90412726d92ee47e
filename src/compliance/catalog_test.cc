// The catalogue's shape: keys, per-version CIS numbering, checkability notes.
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compliance/catalog.h"

namespace gori::compliance {
namespace {

std::vector<std::string_view> Ids(std::string_view framework) {
  std::vector<std::string_view> ids;
  for (const Control& c : FindFramework(framework)->controls) ids.push_back(c.id);
  return ids;
}

TEST(Catalog, KeysAreUniqueAndSpelledFromPrefixAndId) {
  std::set<std::string_view> keys;
  for (const Framework& f : Frameworks()) {
    for (const Control& c : f.controls) {
      EXPECT_TRUE(keys.insert(c.key).second) << c.key;
      if (f.id == "nsa-1.2") {
        EXPECT_EQ(c.key, c.id);
        EXPECT_TRUE(c.id.starts_with("NSA-PS-") || c.id.starts_with("NSA-NS-") ||
                    c.id.starts_with("NSA-AA-") || c.id.starts_with("NSA-LG-"))
            << c.id;
      } else {
        EXPECT_EQ(c.key, std::string(f.key_prefix) + " " + std::string(c.id));
      }
      EXPECT_FALSE(c.title.empty()) << c.key;
      EXPECT_EQ(c.note.empty(), c.checkable == Checkable::kYes) << c.key;
      EXPECT_EQ(!c.level.empty(), f.id == "pss") << c.key;
    }
  }
}

TEST(Catalog, CisGeneralPoliciesMoveFrom57To56After110) {
  auto v10 = Ids("cis-1.10");
  auto v11 = Ids("cis-1.11");
  EXPECT_THAT(v10, ::testing::Contains("5.7.4"));
  EXPECT_THAT(v10, ::testing::Not(::testing::Contains("5.6.1")));
  EXPECT_THAT(v11, ::testing::Contains("5.6.4"));
  EXPECT_THAT(v11, ::testing::Not(::testing::Contains("5.7.1")));
  EXPECT_EQ(FindControl("CIS-1.10 5.7.2")->control->title,
            FindControl("CIS-1.12 5.6.2")->control->title);
}

TEST(Catalog, Cis112DropsAddedCapabilitiesAndShiftsTheRest) {
  EXPECT_EQ(Ids("cis-1.10").size(), 35u);
  EXPECT_EQ(Ids("cis-1.11").size(), 35u);
  EXPECT_EQ(Ids("cis-1.12").size(), 34u);
  EXPECT_EQ(FindControl("CIS-1.11 5.2.9")->control->title,
            "Keep containers from adding Linux capabilities");
  EXPECT_EQ(FindControl("CIS-1.12 5.2.9")->control->title,
            FindControl("CIS-1.11 5.2.10")->control->title);
  EXPECT_EQ(FindControl("CIS-1.12 5.2.11")->control->title, "Keep hostPath volumes out");
  EXPECT_EQ(FindControl("CIS-1.12 5.2.12")->control->title,
            FindControl("CIS-1.10 5.2.13")->control->title);
  EXPECT_FALSE(FindControl("CIS-1.12 5.2.13"));
}

TEST(Catalog, CisTablesAreOneTableRenumberedPerVersion) {
  EXPECT_EQ(FindFramework("cis-1.10")->controls.size(), 35u);
  EXPECT_EQ(FindFramework("cis-1.11")->controls.size(), 35u);
  EXPECT_EQ(FindFramework("cis-1.12")->controls.size(), 34u);
  auto v110 = FindControl("CIS-1.10 5.2.12");
  auto v112 = FindControl("CIS-1.12 5.2.11");
  ASSERT_TRUE(v110 && v112);
  EXPECT_EQ(v110->control->title, v112->control->title);
  EXPECT_EQ(v112->control->id, "5.2.11");
  EXPECT_EQ(FindControl("CIS-1.11 5.6.3")->control->title,
            FindControl("CIS-1.10 5.7.3")->control->title);
  EXPECT_EQ(CisId("1.12", "5.2.9"), "");
  EXPECT_EQ(CisId("1.11", "5.7.1"), "5.6.1");
}

TEST(Catalog, KoreanKeysAndOrdering) {
  auto c = FindControl("KR-EFSR 제14조의2제8항");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->framework->id, "kr-efsr");
  EXPECT_FALSE(FindControl("KR-EFSR 제14조의2"));  // cited at paragraph level only
  EXPECT_EQ(FindControl("KR-EFSR 제18조제4호")->control->checkable, Checkable::kNo);
  EXPECT_TRUE(CatalogueLess(*FindControl("CIS-1.10 5.1.1"), *FindControl("CIS-1.12 5.1.1")));
  EXPECT_TRUE(CatalogueLess(*FindControl("NSA-PS-2"), *FindControl("NSA-PS-10")));
}

}  // namespace
}  // namespace gori::compliance
