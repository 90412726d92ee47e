#include "k8s/bundle.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace gori::k8s {
namespace {

namespace fs = std::filesystem;

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test: ctest runs the cases of this file in parallel.
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("gori_bundle_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
    fs::create_directories(dir_ / ".hidden");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const fs::path& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  fs::path dir_;
};

TEST_F(BundleTest, WalksDirectoriesSortedSkippingHiddenAndOtherFiles) {
  Write("b.yaml", "kind: ConfigMap\nmetadata: {name: b}\n");
  Write("a.yml", "kind: ConfigMap\nmetadata: {name: a}\n---\nkind: Secret\nmetadata: {name: s}\n");
  Write("sub/c.json", R"({"kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "c"}}]})");
  Write("notes.txt", "kind: ConfigMap\n");
  Write(".hidden/x.yaml", "kind: ConfigMap\nmetadata: {name: hidden}\n");
  Bundle b;
  b.AddPath(dir_.string());
  b.Finish();
  EXPECT_TRUE(b.errors().empty());
  ASSERT_EQ(b.objects().size(), 4u);
  EXPECT_EQ(b.objects()[0].name(), "a");
  EXPECT_EQ(b.objects()[1].name(), "s");
  EXPECT_EQ(b.objects()[2].name(), "b");
  EXPECT_EQ(b.objects()[3].name(), "c");
}

TEST_F(BundleTest, BrokenInputsAreErrorsAndOthersStillLoad) {
  Write("bad.yaml", "kind: Pod\nmetadata: [unclosed\n");
  Write("bin.yaml", std::string("kind: \0x", 8));
  Write("good.yaml", "kind: ConfigMap\nmetadata: {name: ok}\n");
  Bundle b;
  b.AddPath(dir_.string());
  b.AddPath((dir_ / "missing.yaml").string());
  b.Finish();
  ASSERT_EQ(b.errors().size(), 3u);
  EXPECT_EQ(b.errors()[0].line, 3u);
  EXPECT_NE(b.errors()[0].file.find("bad.yaml"), std::string::npos);
  EXPECT_EQ(b.errors()[1].message, "binary input (NUL byte); not a YAML or JSON manifest");
  EXPECT_EQ(b.errors()[1].line, 1u);
  EXPECT_EQ(b.errors()[1].column, 7u);
  EXPECT_NE(b.errors()[2].message.find("cannot open"), std::string::npos);
  ASSERT_EQ(b.objects().size(), 1u);
  EXPECT_EQ(b.objects()[0].name(), "ok");
}

TEST_F(BundleTest, YamlFlowMappingThatIsNotJsonFallsBackToYaml) {
  Bundle b;
  b.AddSource(Source::FromString("x.yaml", "{kind: ConfigMap, metadata: {name: flow}}\n"));
  b.Finish();
  EXPECT_TRUE(b.errors().empty());
  ASSERT_EQ(b.objects().size(), 1u);
  EXPECT_EQ(b.objects()[0].name(), "flow");
}

}  // namespace
}  // namespace gori::k8s
