#include "load/h2_request.h"

#include <gtest/gtest.h>

namespace gori::load {
namespace {

TEST(H2Request, FromRenderedHttp1) {
  H2RequestScratch s;
  http::H2Request r;
  const std::string h1 =
      "POST /v1/pay?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n"
      "X-Trace: a b\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}";
  ASSERT_TRUE(ToH2Request(h1, "http", false, s, r));
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v1/pay?x=1");
  EXPECT_EQ(r.scheme, "http");
  EXPECT_EQ(r.authority, "127.0.0.1:8080");
  EXPECT_EQ(r.body, "{}");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].name, "content-type");
  EXPECT_EQ(r.headers[0].value, "application/json");
  EXPECT_EQ(r.headers[1].name, "x-trace");
  EXPECT_EQ(r.headers[1].value, "a b");
}

TEST(H2Request, GrpcDefaults) {
  H2RequestScratch s;
  http::H2Request r;
  ASSERT_TRUE(ToH2Request("GET /p.S/M HTTP/1.1\r\nHost: h\r\nx-md: 1\r\n\r\n{\"a\":1}", "https",
                          true, s, r));
  EXPECT_EQ(r.method, "POST");
  ASSERT_EQ(r.headers.size(), 3u);
  EXPECT_EQ(r.headers[0].name, "x-md");
  EXPECT_EQ(r.headers[1].name, "content-type");
  EXPECT_EQ(r.headers[1].value, "application/grpc");
  EXPECT_EQ(r.headers[2].name, "te");
  EXPECT_EQ(r.headers[2].value, "trailers");
  EXPECT_FALSE(ToH2Request("nonsense", "http", false, s, r));
}

}  // namespace
}  // namespace gori::load
