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

TEST_F(BundleTest, InputsThatAreNotManifestsGetOneNoteEach) {
  fs::create_directories(dir_ / "chart" / "templates");
  Write("chart/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
  Write("chart/templates/d.yaml", "kind: Deployment\nmetadata: {name: x}\n");
  Write("kustomization.yaml", "resources: [a.yaml]\n");
  Write("tpl.yaml", "kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
  Write("broken-tpl.yaml", "kind: ConfigMap\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n");
  Write("values.yaml", "replicas: 2\n---\nimage: nginx\n");
  Write("seq.yaml", "- a\n- b\n");
  Write("scalar.yaml", "just text\n");
  Write("ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
  Bundle b;
  b.AddPath(dir_.string());
  b.Finish();
  EXPECT_TRUE(b.errors().empty());
  ASSERT_EQ(b.objects().size(), 1u);
  EXPECT_EQ(b.objects()[0].name(), "ok");
  std::vector<std::string> want;
  for (const Error& n : b.notes()) want.push_back(n.message.substr(0, 12));
  EXPECT_EQ(want, (std::vector<std::string>{"Helm chart, ", "template syn", "kustomizatio",
                                            "template syn", "a top-level ", "a top-level ",
                                            "no apiVersio"}));
  ASSERT_EQ(b.notes().size(), 7u);
  EXPECT_EQ(b.notes()[0].file, (dir_ / "chart").string());
  EXPECT_EQ(b.notes()[1].line, 2u);  // broken-tpl.yaml: the first {{
  EXPECT_EQ(b.notes()[1].column, 1u);
  EXPECT_EQ(b.notes()[3].line, 3u);  // tpl.yaml
  EXPECT_EQ(b.notes()[3].column, 9u);
  EXPECT_EQ(b.notes()[6].file, (dir_ / "values.yaml").string());
  EXPECT_EQ(b.notes()[6].line, 1u);
}

TEST_F(BundleTest, BareDoubleBracesStayYaml) {
  // `{{replicas}}` is a YAML flow mapping: the object is kept for schema validation.
  Write("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{replicas}}\n");
  Bundle b;
  b.AddPath((dir_ / "d.yaml").string());
  b.Finish();
  EXPECT_TRUE(b.notes().empty());
  EXPECT_EQ(b.objects().size(), 1u);
}

}  // namespace
}  // namespace gori::k8s
