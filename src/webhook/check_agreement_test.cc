// The table test of one guard pipeline: every manifest under tests/testdata/ (the compliance
// and report fixtures included) goes through `gori check`'s library path (guard::Check over the
// file) and through an AdmissionReview CREATE to the webhook's Reviewer backed by the same
// Guard. Both must give the same verdict (denied when an unsuppressed finding is at or above
// high, the default of --fail-on and of denyOn) and name the same rule ids at or above it.
//
// The webhook reviews one object, so the file goes to it once as a List (the same objects and
// the same cross-resource index as check) and each object once on its own (compared with check
// over that object alone). Intended differences, tested at the end: an UPDATE does not deny for
// violations its oldObject already had; DELETE and CONNECT are not evaluated; exempt
// namespaces, users and groups (webhook configuration) are allowed.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "base/source.h"
#include "doc/document.h"
#include "guard/check.h"
#include "json/loader.h"
#include "json/writer.h"
#include "webhook/engine_evaluator.h"
#include "webhook/reviewer.h"

namespace gori::webhook {
namespace {

namespace fs = std::filesystem;

constexpr rules::Severity kDenyOn = rules::Severity::kHigh;

struct Verdict {
  bool denied = false;
  std::set<std::string> rules;  // rule ids at or above the deny level

  bool operator==(const Verdict&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Verdict& v) {
  os << (v.denied ? "denied" : "allowed") << " [";
  for (const std::string& r : v.rules) os << ' ' << r;
  return os << " ]";
}

// Manifests: every YAML or JSON file below tests/testdata/ except the AdmissionReviews of
// tests/testdata/webhook/ (reviews, not manifests) and golden outputs.
std::vector<std::string> Manifests() {
  std::vector<std::string> out;
  fs::path root = fs::path(GORI_SOURCE_DIR) / "tests" / "testdata";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    std::string rel = fs::relative(e.path(), root).string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
    if (rel.starts_with("webhook/") || rel.find("golden") != std::string::npos) continue;
    out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The object as the API server would send it: JSON, scalars by their resolved type.
void WriteJson(const doc::Node* n, json::Writer& w) {
  if (n->IsMap()) {
    w.BeginObject();
    for (const doc::Pair& p : n->pairs()) {
      w.Key(p.key->text());
      WriteJson(p.value, w);
    }
    w.EndObject();
  } else if (n->IsSeq()) {
    w.BeginArray();
    for (const doc::Node* item : n->items()) WriteJson(item, w);
    w.EndArray();
  } else if (n->IsNull()) {
    w.Raw("null");
  } else if (n->IsBool()) {
    w.Raw(*n->AsBool() ? "true" : "false");
  } else if (auto i = n->IsInt() ? n->AsInt() : std::nullopt) {
    w.Raw(std::to_string(*i));
  } else if (auto d = n->IsNumber() ? n->AsDouble() : std::nullopt) {
    w.Raw(fmt::format("{}", *d));
  } else {
    w.String(n->text());
  }
}

std::string Json(const doc::Node* n) {
  std::string out;
  json::Writer w(out);
  WriteJson(n, w);
  return out;
}

std::string Review(std::string_view operation, std::string_view object,
                   std::string_view old_object = "") {
  std::string s = fmt::format(
      R"({{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{{)"
      R"("uid":"0b5f6c3e-0000-4000-8000-000000000001","kind":{{"group":"","version":"v1",)"
      R"("kind":"Object"}},"resource":{{"group":"","version":"v1","resource":"objects"}},)"
      R"("name":"x","namespace":"apps","operation":"{}","userInfo":{{"username":"alice",)"
      R"("groups":["dev"]}},"object":{})",
      operation, object);
  if (!old_object.empty()) s += fmt::format(R"(,"oldObject":{})", old_object);
  s += R"(,"dryRun":false}})";
  return s;
}

Verdict OfFindings(std::span<const rules::Finding> findings, const k8s::Object* only = nullptr) {
  Verdict v;
  for (const rules::Finding& f : findings) {
    if (f.suppressed || f.severity < kDenyOn || (only && f.object != only)) continue;
    v.denied = true;
    v.rules.emplace(f.rule_id);
    v.rules.insert(f.also_rules.begin(), f.also_rules.end());  // named by the one finding
  }
  return v;
}

Verdict OfResponse(const ReviewResult& r) {
  Verdict v;
  EXPECT_EQ(r.http_status, 200) << r.body;
  doc::LoadedFile file;
  file.source = Source::FromString("response", std::string(r.body));
  EXPECT_TRUE(json::Load(file));
  const doc::Node* response = file.documents.at(0).root->Get("response");
  v.denied = !response->Get("allowed")->AsBool().value_or(true);
  EXPECT_EQ(v.denied, r.decision == "denied");
  if (const doc::Node* rules = response->Path({"auditAnnotations", "denied-rules"})) {
    std::string_view list = rules->text();
    while (!list.empty()) {
      std::size_t comma = std::min(list.find(','), list.size());
      v.rules.emplace(list.substr(0, comma));
      list.remove_prefix(std::min(comma + 1, list.size()));
    }
  }
  return v;
}

class CheckAgreement : public ::testing::Test {
 protected:
  static guard::Options CheckOptions() {
    // No configuration file: both sides run the defaults.
    return guard::Options{};
  }

  CheckAgreement() : guard_(*guard::Guard::Create(CheckOptions())), evaluator_(*guard_) {}

  Verdict Webhook(std::string_view body) { return OfResponse(reviewer_.Review(body)); }

  std::unique_ptr<guard::Guard> guard_;
  EngineEvaluator evaluator_;
  ReviewPolicy policy_;  // deny on high, nobody exempt
  Reviewer reviewer_{evaluator_, policy_, nullptr};
};

TEST_F(CheckAgreement, EveryManifestGetsTheSameVerdictAndRules) {
  std::vector<std::string> manifests = Manifests();
  ASSERT_GE(manifests.size(), 20u);
  std::size_t denied = 0, objects = 0;
  fs::path scratch = fs::path(::testing::TempDir()) / "gori_check_agreement";
  fs::create_directories(scratch);
  for (const std::string& path : manifests) {
    SCOPED_TRACE(path);
    auto run = guard::Check(CheckOptions(), {.paths = {path}});
    ASSERT_TRUE(run) << run.error().ToString();
    const auto& all = run->bundle->objects();
    if (all.empty()) continue;  // not parseable (broken.yaml, a chart's templates): no objects
    // The whole file as one List: the same objects and cross-resource index as check.
    std::string list = R"({"apiVersion":"v1","kind":"List","items":[)";
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (i > 0) list += ',';
      list += Json(all[i].root());
    }
    list += "]}";
    Verdict checked = OfFindings(run->outcome.findings);
    denied += checked.denied;
    EXPECT_EQ(Webhook(Review("CREATE", list)), checked);
    // Each object alone, as the API server sends it, against check over that object alone.
    for (const k8s::Object& o : all) {
      SCOPED_TRACE(fmt::format("{} {} (line {})", o.kind(), o.name(), o.root()->line()));
      ++objects;
      std::string json = Json(o.root());
      fs::path file = scratch / "object.json";
      std::ofstream(file, std::ios::binary | std::ios::trunc) << json;
      auto alone = guard::Check(CheckOptions(), {.paths = {file.string()}});
      ASSERT_TRUE(alone) << alone.error().ToString();
      ASSERT_EQ(alone->bundle->objects().size(), 1u);
      EXPECT_EQ(Webhook(Review("CREATE", json)), OfFindings(alone->outcome.findings));
    }
  }
  fs::remove_all(scratch);
  // The table is not vacuous: it holds denied manifests and many objects.
  EXPECT_GE(denied, 5u);
  EXPECT_GE(objects, 50u);
}

constexpr char kPrivileged[] = R"({"apiVersion":"apps/v1","kind":"Deployment",)"
                               R"("metadata":{"name":"agent","namespace":"ops"{}},)"
                               R"("spec":{"selector":{"matchLabels":{"app":"agent"}},)"
                               R"("template":{"metadata":{"labels":{"app":"agent"}},)"
                               R"("spec":{"containers":[{"name":"agent","image":"agent:1.4",)"
                               R"("securityContext":{"privileged":true}}]}}}})";

std::string Privileged(std::string_view annotations = "") {
  std::string s = kPrivileged;
  s.replace(s.find("{}"), 2, annotations);
  return s;
}

// A justified compliance exemption is applied by both: the exempted rule denies in neither,
// and check reports the exemption; without a justification it denies in both.
TEST_F(CheckAgreement, AJustifiedExemptionGivesTheSameVerdictInBoth) {
  std::string exempted = Privileged(
      R"(,"annotations":{"compliance/exempt-sec-privileged":"node agent, reviewed 2026-01"})");
  fs::path file = fs::path(::testing::TempDir()) / "gori_agreement_exempt.json";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << exempted;
  auto run = guard::Check(CheckOptions(), {.paths = {file.string()}});
  ASSERT_TRUE(run);
  Verdict exempt = OfFindings(run->outcome.findings);
  EXPECT_EQ(exempt.rules.count("sec-privileged"), 0u);
  ASSERT_EQ(run->outcome.exemptions.applied.size(), 1u);
  EXPECT_EQ(Webhook(Review("CREATE", exempted)), exempt);
  // Without a justification the exemption is ignored by both.
  std::string unjustified = Privileged(R"(,"annotations":{"compliance/exempt-sec-privileged":""})");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << unjustified;
  auto again = guard::Check(CheckOptions(), {.paths = {file.string()}});
  ASSERT_TRUE(again);
  Verdict checked = OfFindings(again->outcome.findings);
  EXPECT_TRUE(checked.denied);
  EXPECT_EQ(checked.rules.count("sec-privileged"), 1u);
  EXPECT_EQ(Webhook(Review("CREATE", unjustified)), checked);
  fs::remove(file);
}

// Intended differences (docs/webhook.md): an UPDATE denies only what it introduces; DELETE
// and CONNECT are not evaluated. `gori check` has no previous version and always judges the
// whole object.
TEST_F(CheckAgreement, UpdateDeniesOnlyWhatItIntroduces) {
  std::string priv = Privileged();
  std::string clean = priv;
  clean.replace(clean.find(R"("privileged":true)"), 17, R"("privileged":false)");
  EXPECT_TRUE(Webhook(Review("CREATE", priv)).denied);
  ReviewResult kept = reviewer_.Review(Review("UPDATE", priv, priv));
  EXPECT_EQ(kept.decision, "allowed");
  EXPECT_NE(kept.body.find("present before this update"), std::string_view::npos);
  EXPECT_TRUE(Webhook(Review("UPDATE", priv, clean)).denied);
  EXPECT_EQ(reviewer_.Review(Review("DELETE", "null", priv)).decision, "skipped");
}

}  // namespace
}  // namespace gori::webhook
