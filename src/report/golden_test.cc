// Golden files for every report format over tests/testdata/report/fixture (findings across
// files, a container name that needs escaping everywhere, a suppressed finding, an input error).
// GORI_UPDATE_GOLDEN=1 rewrites the files instead of comparing.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "compliance/mappings.h"
#include "k8s/bundle.h"
#include "report/fingerprint.h"
#include "report/formats.h"
#include "report/report.h"
#include "rules/config.h"
#include "rules/engine.h"
#include "rules/mapping_provider.h"

namespace gori::report {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class ReportGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::chdir(GORI_SOURCE_DIR), 0);
    // Reports show the mappings `gori` shows: the compliance module's table.
    rules::SetMappingProvider(&compliance::MappingKeysFor);
    // The rules the golden files were written for: new rules must not change them.
    std::string list = ReadFile("tests/testdata/report/rules.txt");
    while (!list.empty() && list.back() == '\n') list.pop_back();
    for (std::size_t start = 0; start <= list.size();) {
      std::size_t end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      config_.only.push_back(list.substr(start, end - start));
      start = end + 1;
    }
    engine_ = std::make_unique<rules::Engine>(config_);
    bundle_.AddPath("tests/testdata/report/fixture");
    bundle_.Finish();
    engine_->Run(bundle_.objects(), findings_);
    for (rules::Finding& f : findings_) {
      if (f.rule_id == "sup-latest-tag") {
        f.suppressed = true;
        f.suppression_reason = "pinned by the release pipeline";
      }
    }
    report_.findings = findings_;
    report_.errors = bundle_.errors();
    report_.checked = bundle_.objects();
    report_.rules = engine_->active();
    report_.files = bundle_.files().size();
    report_.objects = bundle_.objects().size();
    options_.tool_version = "0.0.0-test";
    options_.information_uri = "https://example.com/gori";
    options_.source_root = "/work/repo";
  }

  void ExpectGolden(std::string_view format, const std::string& file) {
    const Format* f = FindFormat(format);
    ASSERT_NE(f, nullptr);
    std::string out;
    f->write(report_, options_, out);
    std::string path = "tests/testdata/report/golden/" + file;
    if (const char* u = std::getenv("GORI_UPDATE_GOLDEN"); u && std::string_view(u) == "1") {
      std::ofstream(path, std::ios::binary) << out;
      return;
    }
    EXPECT_EQ(out, ReadFile(path))
        << "golden " << path << " differs (GORI_UPDATE_GOLDEN=1 to refresh)";
  }

  rules::Config config_;
  std::unique_ptr<rules::Engine> engine_;
  k8s::Bundle bundle_;
  std::vector<rules::Finding> findings_;
  Report report_;
  WriteOptions options_;
};

TEST_F(ReportGolden, FixtureHasFindingsInSeveralFilesASuppressionAndAnError) {
  ASSERT_EQ(report_.errors.size(), 1u);
  EXPECT_EQ(report_.errors[0].file, "tests/testdata/report/fixture/broken.yaml");
  EXPECT_EQ(report_.Suppressed(), 1u);
  std::set<std::string_view> files;
  for (const auto& f : findings_) files.insert(f.file);
  EXPECT_EQ(files.size(), 2u);
}

TEST_F(ReportGolden, Text) { ExpectGolden("text", "report.txt"); }
TEST_F(ReportGolden, Json) { ExpectGolden("json", "report.json"); }
TEST_F(ReportGolden, Sarif) { ExpectGolden("sarif", "report.sarif"); }
TEST_F(ReportGolden, Junit) { ExpectGolden("junit", "report.xml"); }
TEST_F(ReportGolden, Gitlab) { ExpectGolden("gitlab", "report.gitlab.json"); }
TEST_F(ReportGolden, Github) { ExpectGolden("github", "report.github.txt"); }
TEST_F(ReportGolden, Html) { ExpectGolden("html", "report.html"); }

// Fingerprints identify what a finding is about, not where: the same manifest moved down by
// three lines keeps every fingerprint.
TEST(Fingerprint, SurvivesLineShifts) {
  const char* kManifest =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\nspec:\n  containers:\n"
      "  - name: c\n    image: x:latest\n    securityContext: {privileged: true}\n";
  auto run = [&](std::string text) {
    k8s::Bundle bundle;
    bundle.AddSource(Source::FromString("pod.yaml", std::move(text)));
    bundle.Finish();
    rules::Config config;
    rules::Engine engine(config);
    std::vector<rules::Finding> findings;
    engine.Run(bundle.objects(), findings);
    std::vector<std::pair<uint32_t, std::string>> out;
    for (const auto& f : findings) out.emplace_back(f.line, Fingerprint(f));
    return out;
  };
  auto before = run(kManifest);
  auto after = run(std::string("# moved\n# down\n# three lines\n") + kManifest);
  ASSERT_EQ(before.size(), after.size());
  ASSERT_FALSE(before.empty());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i].first + 3, after[i].first);
    EXPECT_EQ(before[i].second, after[i].second);
    EXPECT_EQ(before[i].second.size(), 32u);
  }
}

TEST(Fingerprint, DiffersByObjectPathAndScope) {
  rules::Finding a;
  a.rule_id = "sec-privileged";
  a.path = "spec.containers[0].securityContext.privileged";
  rules::Finding b = a;
  b.path = "spec.containers[1].securityContext.privileged";
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
  EXPECT_NE(Fingerprint(a, "dev/a.yaml"), Fingerprint(a, "prod/a.yaml"));
  EXPECT_EQ(Fingerprint(a, "x"), Fingerprint(a, "x"));
}

}  // namespace
}  // namespace gori::report
