#include "webhook/reviewer.h"

#include <gtest/gtest.h>

#include "webhook/fake_evaluator_test.h"

namespace gori::webhook {
namespace {

using testing::FakeEvaluator;
using testing::Review;

constexpr std::string_view kClean = R"([{"name":"app","image":"nginx:1.27"}])";
constexpr std::string_view kPrivileged =
    R"([{"name":"app","image":"nginx:1.27","securityContext":{"privileged":true}}])";
constexpr std::string_view kLatest = R"([{"name":"app","image":"nginx:latest"}])";

class ReviewerTest : public ::testing::Test {
 protected:
  ReviewResult Run(const std::string& body) { return reviewer_.Review(body); }
  FakeEvaluator evaluator_;
  ReviewPolicy policy_;
  Metrics metrics_;
  Reviewer reviewer_{evaluator_, policy_, &metrics_};
};

TEST_F(ReviewerTest, CleanObjectIsAllowedAndTheUidEchoed) {
  ReviewResult r = Run(Review("CREATE", kClean));
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.decision, "allowed");
  EXPECT_EQ(r.body, R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":)"
                    R"({"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":true}})");
  EXPECT_EQ(metrics_.requests.Get({"CREATE", "Pod", "allowed"}), 1u);
}

TEST_F(ReviewerTest, ViolationAtTheThresholdDeniesWithRuleAndFix) {
  ReviewResult r = Run(Review("CREATE", kPrivileged));
  EXPECT_EQ(r.decision, "denied");
  EXPECT_EQ(
      r.body,
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":)"
      R"({"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":false,"status":)"
      R"({"code":403,"message":"gori denied Pod apps/web: 1 violation at or above high:\n)"
      R"(- test-privileged (critical): container 'app' runs privileged; fix: remove )"
      R"(securityContext.privileged"},"auditAnnotations":{"denied-rules":"test-privileged"}}})");
  EXPECT_EQ(metrics_.findings.Get({"test-privileged", "critical"}), 1u);
}

TEST_F(ReviewerTest, EveryDecisionHasOneStructuredLogLine) {
  EXPECT_EQ(Run(Review("CREATE", kPrivileged)).log,
            R"({"event":"admission","uid":"705ab4f5-6393-11e8-b7cc-42010a800002",)"
            R"("operation":"CREATE","kind":"Pod","namespace":"apps","name":"web","user":"alice",)"
            R"("allowed":false,"decision":"denied","denied_rules":["test-privileged"],)"
            R"("warned_rules":[]})"
            "\n");
  const std::string_view allowed = Run(Review("CREATE", kLatest)).log;
  EXPECT_NE(allowed.find(R"("allowed":true,"decision":"allowed","denied_rules":[],)"
                         R"("warned_rules":["test-latest-tag"]})"),
            std::string_view::npos)
      << allowed;
  EXPECT_EQ(Run("{").log, "");
}

TEST_F(ReviewerTest, ViolationBelowTheThresholdIsAWarning) {
  ReviewResult r = Run(Review("CREATE", kLatest));
  EXPECT_EQ(r.decision, "allowed");
  EXPECT_NE(r.body.find(R"("warnings":["test-latest-tag: container 'app' uses the latest tag"])"),
            std::string_view::npos)
      << r.body;
}

TEST_F(ReviewerTest, DenyOnMediumTurnsTheWarningIntoADenial) {
  policy_.deny_on = Severity::kMedium;
  EXPECT_EQ(Run(Review("CREATE", kLatest)).decision, "denied");
}

TEST_F(ReviewerTest, UpdateDeniesOnlyWhatTheUpdateIntroduces) {
  // Already privileged before: a scale or label change must go through, with a warning.
  ReviewResult kept = Run(Review("UPDATE", kPrivileged, kPrivileged));
  EXPECT_EQ(kept.decision, "allowed");
  EXPECT_NE(kept.body.find("test-privileged: container 'app' runs privileged (present before "
                           "this update)"),
            std::string_view::npos)
      << kept.body;
  // Newly privileged: denied.
  EXPECT_EQ(Run(Review("UPDATE", kPrivileged, kClean)).decision, "denied");
  // The same container moved to another index is still the same violation.
  std::string reordered =
      R"([{"name":"side","image":"busybox:1"},{"name":"app","image":"x:1","securityContext":)"
      R"({"privileged":true}}])";
  EXPECT_EQ(Run(Review("UPDATE", reordered, kPrivileged)).decision, "allowed");
  // Another container becoming privileged is new.
  std::string other = R"([{"name":"side","image":"b:1","securityContext":{"privileged":true}}])";
  EXPECT_EQ(Run(Review("UPDATE", other, kPrivileged)).decision, "denied");
}

TEST_F(ReviewerTest, OldObjectIsOnlyEvaluatedWhenSomethingWouldDeny) {
  Run(Review("UPDATE", kClean, kPrivileged));
  EXPECT_EQ(evaluator_.calls.load(), 1);
}

TEST_F(ReviewerTest, DeleteAndConnectAreAllowedWithoutEvaluation) {
  EXPECT_EQ(Run(Review("DELETE", "", kPrivileged)).decision, "skipped");
  EXPECT_EQ(Run(Review("CONNECT", kPrivileged)).decision, "skipped");
  EXPECT_EQ(evaluator_.calls.load(), 0);
  EXPECT_EQ(metrics_.requests.Get({"DELETE", "Pod", "skipped"}), 1u);
}

TEST_F(ReviewerTest, ExemptNamespaceUserAndGroup) {
  policy_.exempt_namespaces = {"kube-system"};
  ReviewResult r = Run(Review("CREATE", kPrivileged, "", "kube-system"));
  EXPECT_EQ(r.decision, "exempt");
  EXPECT_NE(r.body.find(R"("allowed":true)"), std::string_view::npos);
  EXPECT_NE(
      r.body.find(R"("auditAnnotations":{"decision":"exempt by gori webhook configuration"})"),
      std::string_view::npos);
  policy_.exempt_namespaces.clear();
  policy_.exempt_users = {"alice"};
  EXPECT_EQ(Run(Review("CREATE", kPrivileged)).decision, "exempt");
  policy_.exempt_users.clear();
  policy_.exempt_groups = {"dev"};
  EXPECT_EQ(Run(Review("CREATE", kPrivileged)).decision, "exempt");
  EXPECT_EQ(evaluator_.calls.load(), 0);
}

TEST_F(ReviewerTest, DryRunGetsTheSameAnswer) {
  std::string body = Review("CREATE", kPrivileged);
  body.replace(body.find(R"("dryRun":false)"), 14, R"("dryRun":true)");
  EXPECT_EQ(Run(body).decision, "denied");
}

TEST_F(ReviewerTest, MalformedJsonIs400WithThePosition) {
  ReviewResult r = Run("{\"apiVersion\": \"admission.k8s.io/v1\",\n  \"kind\": }");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.decision, "error");
  EXPECT_EQ(r.body.rfind("malformed JSON: AdmissionReview:2:", 0), 0u) << r.body;
  EXPECT_EQ(metrics_.errors.Get({"malformed_json"}), 1u);
}

TEST_F(ReviewerTest, NotAnAdmissionReviewIs400WithTheReason) {
  ReviewResult r = Run(R"({"apiVersion":"v1","kind":"Pod"})");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.body,
            "not an AdmissionReview: apiVersion must be admission.k8s.io/v1, got 'v1' (set "
            "admissionReviewVersions: [v1])\n");
  EXPECT_EQ(Run("").http_status, 400);
}

TEST_F(ReviewerTest, WarningsAreShortAndBounded) {
  policy_.max_warnings = 3;
  std::string many = "[";
  for (int i = 0; i < 6; ++i) {
    if (i) many += ",";
    many += R"({"name":"container-with-a-rather-long-name-number-)" + std::to_string(i) +
            R"(-that-goes-on-and-on-and-on-and-on-and-on","image":"x:latest"})";
  }
  many += "]";
  ReviewResult r = Run(Review("CREATE", many));
  EXPECT_EQ(r.decision, "allowed");
  EXPECT_NE(r.body.find("\xe2\x80\xa6\""), std::string_view::npos) << r.body;  // truncated
  EXPECT_NE(r.body.find("\"4 more findings: run gori check on the manifest\"]"),
            std::string_view::npos)
      << r.body;
}

TEST(TruncateUtf8, CutsOnACharacterBoundary) {
  EXPECT_EQ(TruncateUtf8("short", 120), "short");
  EXPECT_EQ(TruncateUtf8("abcdef", 5), "ab\xe2\x80\xa6");
  EXPECT_EQ(TruncateUtf8("a\xc3\xa9\xc3\xa9\xc3\xa9", 6), "a\xc3\xa9\xe2\x80\xa6");
  EXPECT_EQ(TruncateUtf8("a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 7), "a\xc3\xa9\xe2\x80\xa6");
}

}  // namespace
}  // namespace gori::webhook
