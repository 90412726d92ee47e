#include "webhook/admission.h"

#include <gtest/gtest.h>

#include "base/source.h"
#include "json/loader.h"

namespace gori::webhook {
namespace {

Result<AdmissionRequest> Read(doc::LoadedFile& file, std::string json) {
  file.source = Source::FromString("review.json", std::move(json));
  auto st = json::Load(file);
  EXPECT_TRUE(st) << st.error().ToString();
  return ReadAdmissionReview(file.documents.front().root);
}

TEST(AdmissionReview, ReadsTheFieldsTheWebhookUses) {
  doc::LoadedFile f;
  auto r = Read(f, R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
    "uid":"u-1","kind":{"group":"apps","version":"v1","kind":"Deployment"},
    "resource":{"group":"apps","version":"v1","resource":"deployments"},"subResource":"scale",
    "name":"api","namespace":"pay","operation":"UPDATE",
    "userInfo":{"username":"bob","groups":["g1","g2"]},
    "object":{"kind":"Deployment"},"oldObject":{"kind":"Deployment"},"dryRun":true}})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->uid, "u-1");
  EXPECT_EQ(r->group, "apps");
  EXPECT_EQ(r->kind, "Deployment");
  EXPECT_EQ(r->resource, "deployments");
  EXPECT_EQ(r->sub_resource, "scale");
  EXPECT_EQ(r->name, "api");
  EXPECT_EQ(r->namespace_, "pay");
  EXPECT_EQ(r->operation, "UPDATE");
  EXPECT_EQ(r->username, "bob");
  EXPECT_EQ(r->groups, (std::vector<std::string_view>{"g1", "g2"}));
  EXPECT_NE(r->object, nullptr);
  EXPECT_NE(r->old_object, nullptr);
  EXPECT_TRUE(r->dry_run);
}

TEST(AdmissionReview, SaysWhatIsWrong) {
  struct Case {
    const char* json;
    const char* error;
  } cases[] = {
      {R"([1])", "the body is not a JSON object"},
      {R"({"kind":"AdmissionReview"})", "apiVersion is missing"},
      {R"({"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview"})",
       "apiVersion must be admission.k8s.io/v1, got 'admission.k8s.io/v1beta1' (set "
       "admissionReviewVersions: [v1])"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"Pod"})",
       "kind must be AdmissionReview, got 'Pod'"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"})",
       "request is missing or not an object"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}})",
       "request.uid is missing"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":7}})",
       "request.uid must be a string"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a",
         "operation":"PATCH"}})",
       "request.operation must be CREATE, UPDATE, DELETE or CONNECT, got 'PATCH'"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a",
         "operation":"CREATE"}})",
       "request.kind is missing or not an object"},
      {R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a",
         "operation":"CREATE","kind":{"kind":"Pod"},"object":null}})",
       "request.object must be an object for CREATE"},
  };
  for (const Case& c : cases) {
    doc::LoadedFile f;
    auto r = Read(f, c.json);
    ASSERT_FALSE(r) << c.json;
    EXPECT_EQ(r.error().message, c.error);
  }
}

TEST(AdmissionReview, DeleteNeedsNoObject) {
  doc::LoadedFile f;
  auto r = Read(f, R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
    "uid":"a","operation":"DELETE","kind":{"kind":"Pod"},"object":null,"oldObject":{}}})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->object, nullptr);
}

TEST(AdmissionResponse, AllowedAndDenied) {
  std::string out;
  WriteAdmissionResponse(out, "u-1", {});
  EXPECT_EQ(out, R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":)"
                 R"({"uid":"u-1","allowed":true}})");
  out.clear();
  AdmissionDecision d;
  d.allowed = false;
  d.code = 403;
  d.message = "no \"privileged\"";
  d.warnings = {"w1"};
  d.audit_annotations = {{"denied-rules", "a,b"}};
  WriteAdmissionResponse(out, "u-2", d);
  EXPECT_EQ(out,
            R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":)"
            R"({"uid":"u-2","allowed":false,"status":{"code":403,"message":"no \"privileged\""},)"
            R"("warnings":["w1"],"auditAnnotations":{"denied-rules":"a,b"}}})");
}

}  // namespace
}  // namespace gori::webhook
