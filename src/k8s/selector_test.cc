#include "k8s/selector.h"

#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::k8s {
namespace {

TEST(Selector, MatchLabelsAndExpressions) {
  auto p = testing::ParseYaml(R"(kind: X
sel:
  matchLabels: {app: api}
  matchExpressions:
  - {key: tier, operator: In, values: [web, edge]}
  - {key: canary, operator: DoesNotExist}
  - {key: zone, operator: NotIn, values: [b]}
a: {app: api, tier: web}
b: {app: api, tier: web, canary: "true"}
c: {app: api, tier: db}
d: {app: api, tier: edge, zone: b}
empty: {}
)");
  const doc::Node* r = p->file.documents[0].root;
  auto s = Selector::FromLabelSelector(r->Get("sel"), false);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->Matches(r->Get("a")));
  EXPECT_FALSE(s->Matches(r->Get("b")));
  EXPECT_FALSE(s->Matches(r->Get("c")));
  EXPECT_FALSE(s->Matches(r->Get("d")));
  auto all = Selector::FromLabelSelector(r->Get("empty"), false);
  EXPECT_TRUE(all->SelectsAll());
  EXPECT_TRUE(all->Matches(nullptr));
  auto none = Selector::FromLabelSelector(nullptr, false);
  EXPECT_TRUE(none->SelectsNothing());
  EXPECT_FALSE(none->Matches(r->Get("a")));
  EXPECT_TRUE(Selector::FromLabelSelector(nullptr, true)->SelectsAll());
  EXPECT_TRUE(Selector::FromMap(r->Get("empty"), false).Matches(r->Get("a")));
}

TEST(Selector, TemplatesMeetControllerSetLabelRequirements) {
  auto p = testing::ParseYaml(R"(kind: X
sel:
  matchLabels: {app: db, statefulset.kubernetes.io/pod-name: db-0}
hash:
  matchExpressions:
  - {key: pod-template-hash, operator: In, values: [abc, def]}
  - {key: app, operator: In, values: [db]}
tmpl: {app: db}
other: {app: web}
)");
  const doc::Node* r = p->file.documents[0].root;
  auto s = Selector::FromLabelSelector(r->Get("sel"), false);
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->Matches(r->Get("tmpl")));
  EXPECT_TRUE(s->MatchesTemplate(r->Get("tmpl")));
  EXPECT_FALSE(s->MatchesTemplate(r->Get("other")));
  EXPECT_EQ(s->Equality(), std::make_pair(std::string_view("app"), std::string_view("db")));
  auto h = Selector::FromLabelSelector(r->Get("hash"), false);
  EXPECT_TRUE(h->MatchesTemplate(r->Get("tmpl")));
  EXPECT_EQ(h->Equality(), std::make_pair(std::string_view("app"), std::string_view("db")));
  EXPECT_FALSE(Selector::FromMap(nullptr, false).Equality());
  EXPECT_TRUE(IsControllerLabel("pod-template-hash"));
  EXPECT_FALSE(IsControllerLabel("app"));
}

}  // namespace
}  // namespace gori::k8s
