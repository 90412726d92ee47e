#include "webhook/engine_evaluator.h"

#include <gtest/gtest.h>

#include "webhook/fake_evaluator_test.h"
#include "webhook/reviewer.h"

namespace gori::webhook {
namespace {

// The real rule engine behind the reviewer: a privileged container is denied by
// sec-privileged; an UPDATE that keeps it is allowed with a warning.
TEST(EngineEvaluator, DrivesTheRuleEngine) {
  guard::Guard guard{rules::Config()};
  EngineEvaluator evaluator(guard);
  ASSERT_GT(evaluator.active_rules(), 0u);
  ReviewPolicy policy;
  Reviewer reviewer(evaluator, policy, nullptr);
  constexpr std::string_view kPrivileged =
      R"([{"name":"app","image":"nginx:1.27","securityContext":{"privileged":true}}])";
  constexpr std::string_view kClean = R"([{"name":"app","image":"nginx:1.27"}])";
  ReviewResult denied = reviewer.Review(testing::Review("CREATE", kPrivileged));
  EXPECT_EQ(denied.decision, "denied");
  EXPECT_NE(denied.body.find("sec-privileged (critical)"), std::string_view::npos) << denied.body;
  EXPECT_NE(denied.body.find("; fix: "), std::string_view::npos);
  ReviewResult kept = reviewer.Review(testing::Review("UPDATE", kPrivileged, kPrivileged));
  EXPECT_EQ(kept.decision, "allowed") << kept.body;
  EXPECT_NE(kept.body.find("(present before this update)"), std::string_view::npos);
  ReviewResult clean = reviewer.Review(testing::Review("CREATE", kClean));
  EXPECT_NE(clean.decision, "error");
}

}  // namespace
}  // namespace gori::webhook
