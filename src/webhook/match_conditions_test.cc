// deploy/webhook's matchConditions evaluated by gori's CEL (src/cel) the way the API server
// evaluates them — variables `object`, `oldObject` and `request` of the AdmissionReview — on
// the forged and genuine requests of tests/testdata/webhook. The webhook is called only when
// every condition is true: a bare Pod whose ownerReferences name a ReplicaSet as its controller
// must be called (and tests/integration/webhook_match_conditions_test.sh shows gori denies it),
// a Pod created by the replicaset controller's service account is skipped.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/source.h"
#include "cel/cel.h"
#include "doc/document.h"
#include "json/loader.h"
#include "yaml/loader.h"

namespace gori::webhook {
namespace {

struct Condition {
  std::string name;
  std::string expression;
};

std::vector<Condition> ConfigConditions() {
  doc::LoadedFile f;
  auto src = Source::Read(std::string(GORI_SOURCE_DIR) +
                          "/deploy/webhook/validatingwebhookconfiguration.yaml");
  EXPECT_TRUE(src);
  if (!src) return {};
  f.source = std::move(*src);
  EXPECT_TRUE(yaml::Load(f));
  std::vector<Condition> out;
  const doc::Node* hooks = f.documents.at(0).root->Get("webhooks");
  for (const doc::Node* c : hooks->items().front()->Get("matchConditions")->items()) {
    out.push_back({std::string(c->Get("name")->text()), std::string(c->Get("expression")->text())});
  }
  return out;
}

// "call" when every condition is true, else the name of the first false one, or the error.
std::string Route(const std::vector<Condition>& conditions, const std::string& review_file) {
  doc::LoadedFile f;
  auto src = Source::Read(std::string(GORI_SOURCE_DIR) + "/tests/testdata/webhook/" + review_file);
  if (!src) return "cannot read " + review_file;
  f.source = std::move(*src);
  if (!json::Load(f)) return "bad JSON";
  const doc::Node* request = f.documents.at(0).root->Get("request");
  const cel::Env env{.variables = {"object", "oldObject", "request"}};
  cel::Evaluator ev;
  cel::Value vars[] = {cel::Value::FromNode(request->Get("object")),
                       cel::Value::FromNode(request->Get("oldObject")),
                       cel::Value::FromNode(request)};
  for (const Condition& c : conditions) {
    auto program = cel::Compile(c.expression, env);
    if (!program) return c.name + ": " + cel::FormatCompileError(program.error(), c.expression);
    const cel::Value v = ev.Eval(*program, vars);
    if (v.IsError()) return c.name + ": error " + std::string(v.str());
    if (v.kind != cel::Kind::kBool) return c.name + ": not a bool";
    if (!v.b) return "skip " + c.name;
  }
  return "call";
}

TEST(MatchConditions, AForgedControllerOwnerReferenceDoesNotSkipTheWebhook) {
  const std::vector<Condition> conditions = ConfigConditions();
  ASSERT_EQ(conditions.size(), 2u);
  EXPECT_EQ(Route(conditions, "forged_owner_pod.json"), "call");
  EXPECT_EQ(Route(conditions, "controller_pod.json"),
            "skip skip-pods-created-by-workload-controllers");
  EXPECT_EQ(Route(conditions, "ephemeral_privileged.json"), "call");
  EXPECT_EQ(Route(conditions, "create_privileged.json"), "call");
}

// The condition this configuration used before: it trusted what the requester wrote.
TEST(MatchConditions, TheOwnerReferenceConditionWasABypass) {
  const std::vector<Condition> trusting = {
      {"skip-controller-owned-pods",
       "!(request.kind.kind == 'Pod' && has(object.metadata.ownerReferences) && "
       "object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller))"}};
  EXPECT_EQ(Route(trusting, "forged_owner_pod.json"), "skip skip-controller-owned-pods");
}

}  // namespace
}  // namespace gori::webhook
