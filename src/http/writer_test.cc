#include "http/writer.h"

#include <gtest/gtest.h>

#include "http/parser.h"

namespace gori::http {
namespace {

TEST(ResponseWriter, RendersStatusHeadersAndBody) {
  std::string out;
  Header extra[] = {{"X-A", "1"}};
  AppendResponse(out, {.status = 200, .content_type = "application/json", .extra = extra}, "{}");
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
            "X-A: 1\r\n\r\n{}");
}

TEST(ResponseWriter, CloseAndHeadOnly) {
  std::string out;
  AppendResponse(out, {.status = 413, .keep_alive = false}, "too big", /*head_only=*/true);
  EXPECT_EQ(out,
            "HTTP/1.1 413 Content Too Large\r\nContent-Length: 7\r\nConnection: close\r\n\r\n");
}

TEST(ResponseWriter, RoundTripsThroughTheResponseParser) {
  std::string out;
  AppendResponse(out, {.status = 431, .content_type = "text/plain"}, "header too large\n");
  ResponseParser p;
  ASSERT_EQ(p.Parse(out), ParseStatus::kComplete);
  EXPECT_EQ(p.response().status, 431);
  EXPECT_EQ(p.response().reason, "Request Header Fields Too Large");
  EXPECT_EQ(p.response().body, "header too large\n");
  EXPECT_EQ(p.consumed(), out.size());
}

TEST(ResponseWriter, Continue) {
  std::string out;
  AppendContinue(out);
  EXPECT_EQ(out, "HTTP/1.1 100 Continue\r\n\r\n");
}

TEST(RequestWriter, RendersAndRoundTrips) {
  std::string out;
  Header headers[] = {{"Content-Type", "application/json"}};
  ASSERT_TRUE(AppendRequest(out, {.method = "POST",
                                  .target = "/validate",
                                  .host = "127.0.0.1:8443",
                                  .headers = headers,
                                  .body = "{}"}));
  EXPECT_EQ(out,
            "POST /validate HTTP/1.1\r\nHost: 127.0.0.1:8443\r\nContent-Type: application/json\r\n"
            "Content-Length: 2\r\n\r\n{}");
  RequestParser p;
  ASSERT_EQ(p.Parse(out), ParseStatus::kComplete);
  EXPECT_EQ(p.request().body, "{}");
}

TEST(RequestWriter, GetWithoutBodyHasNoContentLength) {
  std::string out;
  ASSERT_TRUE(AppendRequest(out, {.host = "a", .keep_alive = false}));
  EXPECT_EQ(out, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
}

TEST(RequestWriter, EmptyPostSaysZeroLength) {
  std::string out;
  ASSERT_TRUE(AppendRequest(out, {.method = "POST", .host = "a"}));
  EXPECT_EQ(out, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
}

TEST(RequestWriter, RejectsWhatWouldBreakFraming) {
  std::string out = "keep";
  Header crlf[] = {{"X", "a\r\nInjected: 1"}};
  auto r = AppendRequest(out, {.host = "a", .headers = crlf});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "invalid character in the value of header 'X'");
  EXPECT_EQ(out, "keep");
  Header cl[] = {{"content-length", "5"}};
  EXPECT_EQ(AppendRequest(out, {.host = "a", .headers = cl}).error().message,
            "header 'content-length' is set by gori from the body");
  Header bad_name[] = {{"X Y", "1"}};
  EXPECT_EQ(AppendRequest(out, {.host = "a", .headers = bad_name}).error().message,
            "invalid header name: 'X Y'");
  EXPECT_EQ(AppendRequest(out, {.method = "GE T", .host = "a"}).error().message,
            "invalid HTTP method: 'GE T'");
  EXPECT_EQ(AppendRequest(out, {.target = "/a b", .host = "a"}).error().message,
            "invalid character in request target: '/a b'");
  EXPECT_EQ(AppendRequest(out, {}).error().message, "a request needs a Host");
  Header host[] = {{"Host", "b"}};
  EXPECT_TRUE(AppendRequest(out, {.headers = host}));
}

TEST(ReasonPhrase, KnownAndUnknown) {
  EXPECT_EQ(ReasonPhrase(503), "Service Unavailable");
  EXPECT_EQ(ReasonPhrase(299), "Unknown");
}

}  // namespace
}  // namespace gori::http
