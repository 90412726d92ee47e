#include "prom/response.h"

#include <cmath>

#include <gtest/gtest.h>

namespace gori::prom {
namespace {

TEST(PromResponse, MatrixWithNaNAndInfinitiesParsedByName) {
  const auto r = DecodeResponse(200, R"({"status":"success","data":{"resultType":"matrix",
    "result":[{"metric":{"track":"canary","le":"0.1"},"values":[[1700000000,"1.5"],
    [1700000060.5,"NaN"],[1700000120,"+Inf"],[1700000180,"-Inf"],[1700000240,"1e-3"]]}]},
    "warnings":["partial"]})");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->result_type, "matrix");
  ASSERT_EQ(r->series.size(), 1u);
  const Series& s = r->series[0];
  EXPECT_EQ(s.Label("track"), "canary");
  EXPECT_EQ(s.Label("le"), "0.1");
  EXPECT_EQ(s.Label("job"), "");
  ASSERT_EQ(s.samples.size(), 5u);
  EXPECT_EQ(s.samples[0].t_ms, 1700000000000);
  EXPECT_DOUBLE_EQ(s.samples[0].value, 1.5);
  EXPECT_EQ(s.samples[1].t_ms, 1700000060500);
  EXPECT_TRUE(std::isnan(s.samples[1].value));
  EXPECT_EQ(s.samples[2].value, INFINITY);
  EXPECT_EQ(s.samples[3].value, -INFINITY);
  EXPECT_DOUBLE_EQ(s.samples[4].value, 0.001);
  EXPECT_EQ(r->warnings, std::vector<std::string>{"partial"});
}

TEST(PromResponse, VectorAndEmptyResult) {
  auto r = DecodeResponse(200, R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{},"value":[1700000000,"3"]}]}})");
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r->series.at(0).samples.at(0).value, 3);
  r = DecodeResponse(200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->series.empty());
}

TEST(PromResponse, ErrorEnvelopeQuotesTypeAndMessage) {
  const auto r = DecodeResponse(
      400, R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "prometheus: HTTP 400: bad_data: 1:5: parse error: unexpected");
}

TEST(PromResponse, NonJsonErrorBodyNamesTheStatus) {
  const auto r = DecodeResponse(503, "Service Unavailable");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "prometheus: HTTP 503 with a body that is not an API response");
}

TEST(PromResponse, SampleValuesOtherThanNumbersAreRejected) {
  EXPECT_FALSE(ParseSampleValue("inf"));
  EXPECT_FALSE(ParseSampleValue("nan"));
  EXPECT_FALSE(ParseSampleValue("Infinity"));
  EXPECT_FALSE(ParseSampleValue("1.5x"));
  EXPECT_FALSE(ParseSampleValue(""));
  EXPECT_FALSE(ParseSampleValue("+1"));
  EXPECT_DOUBLE_EQ(*ParseSampleValue("-2.5e2"), -250);
  const auto r = DecodeResponse(200, R"({"status":"success","data":{"resultType":"matrix",
    "result":[{"metric":{},"values":[[1,"zero"]]}]}})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "prometheus: malformed response: sample value \"zero\" is not a number");
}

TEST(PromResponse, MalformedShapesAreErrors) {
  for (
      const char* body : {
          R"([])",
          R"({"status":"success"})",
          R"({"status":"success","data":{"resultType":"string","result":[1,"x"]}})",
          R"({"status":"success","data":{"resultType":"matrix","result":{}}})",
          R"({"status":"success","data":{"resultType":"matrix","result":[{"values":[[2,"1"],[1,"1"]]}]}})",
          R"({"status":"success","data":{"resultType":"matrix","result":[{"values":[["t","1"]]}]}})",
          R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":1},"values":[]}]}})",
          R"({"status":)",
      }) {
    EXPECT_FALSE(DecodeResponse(200, body)) << body;
  }
}

}  // namespace
}  // namespace gori::prom
