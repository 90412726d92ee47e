// gori check and gori webhook agree on ValidatingAdmissionPolicies: the example policies
// (examples/policies) over every object of the policy tests' resources and of the payments
// example, each object checked on its own by guard::Check and sent to the webhook's Reviewer
// as a CREATE, give the same verdict and the same denying rule ids; an UPDATE is decided with
// oldObject as the API server would, even when the old object already violated the policy.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "guard/check.h"
#include "json/loader.h"
#include "json/writer.h"
#include "webhook/engine_evaluator.h"
#include "webhook/reviewer.h"

namespace gori::webhook {
namespace {

namespace fs = std::filesystem;

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
      R"("uid":"0b5f6c3e-0000-4000-8000-000000000002","kind":{{"group":"apps","version":"v1",)"
      R"("kind":"Deployment"}},"resource":{{"group":"apps","version":"v1",)"
      R"("resource":"deployments"}},"name":"x","namespace":"payments","operation":"{}",)"
      R"("userInfo":{{"username":"alice","groups":["dev"]}},"object":{})",
      operation, object);
  if (!old_object.empty()) s += fmt::format(R"(,"oldObject":{})", old_object);
  s += R"(,"dryRun":false}})";
  return s;
}

struct Verdict {
  bool denied = false;
  std::set<std::string> rules;
  bool operator==(const Verdict&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Verdict& v) {
  os << (v.denied ? "denied" : "allowed") << " [";
  for (const std::string& r : v.rules) os << ' ' << r;
  return os << " ]";
}

Verdict OfFindings(std::span<const rules::Finding> findings) {
  Verdict v;
  for (const rules::Finding& f : findings) {
    if (f.suppressed || f.severity < rules::Severity::kHigh) continue;
    v.denied = true;
    v.rules.emplace(f.rule_id);
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

std::string Example(std::string_view rel) {
  return (fs::path(GORI_SOURCE_DIR) / "examples" / rel).string();
}

TEST(PolicyAgreement, CheckAndWebhookGiveTheSameVerdictOnEveryObject) {
  guard::Options options{.rules = {"none"}, .policies = {Example("policies")}};
  auto guard = guard::Guard::Create(options);
  ASSERT_TRUE(guard) << guard.error().ToString();
  ASSERT_TRUE((*guard)->policy_errors().empty());
  EngineEvaluator evaluator(**guard);
  ReviewPolicy policy;
  Reviewer reviewer(evaluator, policy, nullptr);
  fs::path scratch = fs::path(::testing::TempDir()) / "gori_policy_agreement.json";
  std::size_t denied = 0, objects = 0;
  for (const std::string& input : {Example("policies/tests/resources.yaml"), Example("payments")}) {
    auto run = guard::Check(options, {.paths = {input}});
    ASSERT_TRUE(run) << run.error().ToString();
    for (const k8s::Object& o : run->bundle->objects()) {
      SCOPED_TRACE(fmt::format("{} {}/{}", o.kind(), o.namespace_(), o.name()));
      std::string json = Json(o.root());
      std::ofstream(scratch, std::ios::binary | std::ios::trunc) << json;
      auto alone = guard::Check(options, {.paths = {scratch.string()}});
      ASSERT_TRUE(alone) << alone.error().ToString();
      Verdict checked = OfFindings(alone->outcome.findings);
      EXPECT_EQ(OfResponse(reviewer.Review(Review("CREATE", json))), checked);
      denied += checked.denied;
      ++objects;
    }
  }
  fs::remove(scratch);
  EXPECT_GE(objects, 20u);
  EXPECT_GE(denied, 4u);
}

TEST(PolicyAgreement, AnUpdateIsDecidedWithOldObject) {
  fs::path dir = fs::path(::testing::TempDir()) / "gori_policy_update";
  fs::create_directories(dir);
  std::ofstream(dir / "no-scale-down.yaml") << R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-scale-down}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
  validations:
  - expression: "oldObject == null || object.spec.replicas >= oldObject.spec.replicas"
    message: replicas may not go down
  - expression: "object.spec.replicas >= 2"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-scale-down}
spec: {policyName: no-scale-down, validationActions: [Deny]}
)";
  auto guard =
      guard::Guard::Create({.rules = {"none"}, .policies = {(dir / "no-scale-down.yaml")}});
  ASSERT_TRUE(guard) << guard.error().ToString();
  EngineEvaluator evaluator(**guard);
  ReviewPolicy policy;
  Reviewer reviewer(evaluator, policy, nullptr);
  auto deployment = [](int replicas) {
    return fmt::format(R"({{"apiVersion":"apps/v1","kind":"Deployment","metadata":{{"name":"x",)"
                       R"("namespace":"payments"}},"spec":{{"replicas":{}}}}})",
                       replicas);
  };
  EXPECT_FALSE(OfResponse(reviewer.Review(Review("CREATE", deployment(3)))).denied);
  EXPECT_TRUE(OfResponse(reviewer.Review(Review("UPDATE", deployment(2), deployment(3)))).denied);
  EXPECT_FALSE(OfResponse(reviewer.Review(Review("UPDATE", deployment(4), deployment(3)))).denied);
  // A violation the old object already had still denies, as on the API server.
  ReviewResult kept = reviewer.Review(Review("UPDATE", deployment(1), deployment(1)));
  EXPECT_EQ(kept.decision, "denied");
  EXPECT_NE(kept.body.find("ValidatingAdmissionPolicy 'no-scale-down' with binding "
                           "'no-scale-down' denied request: failed expression: "
                           "object.spec.replicas >= 2"),
            std::string_view::npos)
      << kept.body;
  fs::remove_all(dir);
}

TEST(PolicyAgreement, WarnIsAWarningWithTheApiServersWordingAndDenyDenies) {
  fs::path dir = fs::path(::testing::TempDir()) / "gori_policy_warn";
  fs::create_directories(dir);
  std::ofstream(dir / "replicas.yaml") << R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  validations:
  - {expression: "object.spec.replicas <= 5", message: too many replicas}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-warn}
spec: {policyName: replicas, validationActions: [Warn, Audit]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-audit}
spec: {policyName: replicas, validationActions: [Audit]}
)";
  auto guard = guard::Guard::Create({.rules = {"none"}, .policies = {(dir / "replicas.yaml")}});
  ASSERT_TRUE(guard) << guard.error().ToString();
  EngineEvaluator evaluator(**guard);
  ReviewPolicy policy;
  policy.deny_on = Severity::kLow;  // Warn and Audit never deny, whatever the threshold
  Reviewer reviewer(evaluator, policy, nullptr);
  std::string deployment = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x",)"
                           R"("namespace":"payments"},"spec":{"replicas":9}})";
  ReviewResult r = reviewer.Review(Review("CREATE", deployment));
  EXPECT_EQ(r.decision, "allowed") << r.body;
  EXPECT_NE(r.body.find(R"("warnings":["Validation failed for ValidatingAdmissionPolicy )"
                        R"('replicas' with binding 'replicas-warn': too many replicas"])"),
            std::string_view::npos)
      << r.body;

  std::ofstream(dir / "replicas.yaml", std::ios::app) << R"(---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replicas-deny}
spec: {policyName: replicas, validationActions: [Deny]}
)";
  auto deny = guard::Guard::Create({.rules = {"none"}, .policies = {(dir / "replicas.yaml")}});
  ASSERT_TRUE(deny) << deny.error().ToString();
  EngineEvaluator deny_evaluator(**deny);
  ReviewPolicy strict;
  strict.deny_on = Severity::kCritical;  // Deny denies, whatever the threshold
  Reviewer deny_reviewer(deny_evaluator, strict, nullptr);
  ReviewResult denied = deny_reviewer.Review(Review("CREATE", deployment));
  EXPECT_EQ(denied.decision, "denied") << denied.body;
  EXPECT_NE(denied.body.find("ValidatingAdmissionPolicy 'replicas' with binding 'replicas-deny' "
                             "denied request: too many replicas"),
            std::string_view::npos)
      << denied.body;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gori::webhook
