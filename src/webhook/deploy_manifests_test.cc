// deploy/webhook/ must pass gori's own rules with zero findings (what `gori check deploy/`
// reports), through the same engine and default configuration the webhook uses.
#include <algorithm>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "base/source.h"
#include "doc/document.h"
#include "guard/guard.h"
#include "k8s/object.h"
#include "rules/config.h"
#include "yaml/loader.h"

namespace gori::webhook {
namespace {

TEST(DeployManifests, PassGoriWithZeroFindings) {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(fs::path(GORI_SOURCE_DIR) / "deploy" / "webhook")) {
    if (e.path().extension() == ".yaml") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  ASSERT_GE(paths.size(), 9u);
  guard::Guard guard{rules::Config()};
  const rules::Config& config = guard.config();
  std::vector<doc::LoadedFile> files(paths.size());
  std::vector<k8s::Object> objects;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto src = Source::Read(paths[i].string());
    ASSERT_TRUE(src) << src.error().ToString();
    files[i].source = std::move(*src);
    auto st = yaml::Load(files[i]);
    ASSERT_TRUE(st) << st.error().ToString();
  }
  for (const auto& f : files) {
    for (const auto& d : f.documents) k8s::CollectObjects(d, config.pod_templates, objects);
  }
  std::set<std::string> kinds;
  for (const auto& o : objects) kinds.emplace(o.kind());
  EXPECT_EQ(kinds,
            (std::set<std::string>{"Certificate", "ConfigMap", "Deployment", "Issuer", "Namespace",
                                   "NetworkPolicy", "PodDisruptionBudget", "Service",
                                   "ServiceAccount", "ValidatingWebhookConfiguration"}));
  guard::Outcome outcome = guard.Run(objects);
  for (const auto& f : outcome.findings) {
    if (f.suppressed) continue;  // a gori.io/ignore annotation with its reason
    ADD_FAILURE() << f.file << ":" << f.line << ":" << f.column << ": " << f.rule_id << ": "
                  << f.message;
  }
}

}  // namespace
}  // namespace gori::webhook
