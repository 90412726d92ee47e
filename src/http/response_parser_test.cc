#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "http/parser.h"

namespace gori::http {
namespace {

struct Parsed {
  ParseStatus status = ParseStatus::kIncomplete;
  int code = 0;
  std::string reason, body;
  bool keep_alive = false;
  bool chunked = false;
  std::size_t consumed = 0;
  int error_status = 0;
  std::string error_message;
};

Parsed Snapshot(const ResponseParser& p, ParseStatus s) {
  Parsed out;
  out.status = s;
  if (s == ParseStatus::kComplete) {
    out.code = p.response().status;
    out.reason = p.response().reason;
    out.body = p.response().body;
    out.keep_alive = p.response().keep_alive;
    out.chunked = p.response().chunked;
    out.consumed = p.consumed();
  } else if (s == ParseStatus::kError) {
    out.error_status = p.error().status;
    out.error_message = p.error().message;
  }
  return out;
}

// Feeds `wire` in pieces; `eof` calls Finish after the last piece.
Parsed Feed(std::string_view wire, const std::vector<std::size_t>& sizes, bool head = false,
            bool eof = false, const Limits& limits = {}) {
  ResponseParser p(limits);
  p.Reset(head);
  std::string buf;
  std::size_t at = 0, k = 0;
  ParseStatus s = ParseStatus::kIncomplete;
  while (at < wire.size()) {
    std::size_t n = std::min(sizes[k++ % sizes.size()], wire.size() - at);
    buf.append(wire.substr(at, n));
    at += n;
    buf.shrink_to_fit();
    s = p.Parse(buf);
    if (s != ParseStatus::kIncomplete) break;
  }
  if (eof && s == ParseStatus::kIncomplete) s = p.Finish(buf);
  return Snapshot(p, s);
}

Parsed ParseAll(std::string_view wire, bool head = false, bool eof = false,
                const Limits& limits = {}) {
  return Feed(wire, {wire.size()}, head, eof, limits);
}

TEST(ResponseParser, ContentLength) {
  Parsed r = ParseAll("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.code, 200);
  EXPECT_EQ(r.reason, "OK");
  EXPECT_EQ(r.body, "ok");
  EXPECT_TRUE(r.keep_alive);
  EXPECT_EQ(r.consumed, 40u);
}

TEST(ResponseParser, Chunked) {
  Parsed r = ParseAll(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "Wikipedia");
  EXPECT_TRUE(r.chunked);
}

TEST(ResponseParser, HeadResponseHasNoBodyWhateverItSays) {
  Parsed r = ParseAll("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", /*head=*/true);
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "");
  EXPECT_TRUE(r.keep_alive);
}

TEST(ResponseParser, NoBodyStatuses) {
  for (const char* wire : {"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
                           "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
                           "HTTP/1.1 100 Continue\r\n\r\n"}) {
    Parsed r = ParseAll(wire);
    ASSERT_EQ(r.status, ParseStatus::kComplete) << wire;
    EXPECT_EQ(r.body, "") << wire;
  }
}

TEST(ResponseParser, InterimResponseThenFinal) {
  std::string buf =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
  ResponseParser p;
  ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
  EXPECT_EQ(p.response().status, 100);
  buf.erase(0, p.consumed());
  p.Reset();
  ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
  EXPECT_EQ(p.response().status, 201);
  EXPECT_EQ(p.consumed(), buf.size());
}

TEST(ResponseParser, BodyUntilCloseCompletesAtEof) {
  Parsed open = ParseAll("HTTP/1.1 200 OK\r\n\r\nstream");
  EXPECT_EQ(open.status, ParseStatus::kIncomplete);
  Parsed r = ParseAll("HTTP/1.1 200 OK\r\n\r\nstream", false, /*eof=*/true);
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "stream");
  EXPECT_FALSE(r.keep_alive);
}

TEST(ResponseParser, NonChunkedFinalCodingReadsUntilClose) {
  Parsed r = ParseAll("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz", false, true);
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "zz");
  EXPECT_FALSE(r.keep_alive);
}

TEST(ResponseParser, EofInsideTheBodyIsAnError) {
  Parsed r = ParseAll("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", false, true);
  EXPECT_EQ(r.status, ParseStatus::kError);
  EXPECT_EQ(r.error_message, "connection closed before the message was complete");
}

TEST(ResponseParser, ConnectionCloseAndHttp10) {
  EXPECT_FALSE(
      ParseAll("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").keep_alive);
  EXPECT_FALSE(ParseAll("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keep_alive);
  EXPECT_TRUE(ParseAll("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                  .keep_alive);
}

TEST(ResponseParser, EmptyReasonIsAccepted) {
  Parsed a = ParseAll("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n");
  ASSERT_EQ(a.status, ParseStatus::kComplete);
  EXPECT_EQ(a.reason, "");
  Parsed b = ParseAll("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n");
  ASSERT_EQ(b.status, ParseStatus::kComplete);
  EXPECT_EQ(b.code, 404);
}

TEST(ResponseParserStrict, Errors) {
  struct Case {
    const char* wire;
    const char* message;
  } cases[] = {
      {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
       "both Content-Length and Transfer-Encoding"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
       "conflicting Content-Length values"},
      {"HTTP/1.1 20 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 2000 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 099 OK\r\n\r\n", "malformed status code"},
      {"HTTP/1.1 200 O\x01K\r\n\r\n", "invalid character in reason phrase"},
      {"HTTP/1.1 200 OK\r\nX: 1\r\n folded\r\n\r\n", "obsolete line folding is not allowed"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "invalid chunk size"},
      {"\r\nHTTP/1.1 200 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", "bare LF in header"},
  };
  for (const Case& c : cases) {
    Parsed whole = ParseAll(c.wire);
    EXPECT_EQ(whole.status, ParseStatus::kError) << c.wire;
    EXPECT_EQ(whole.error_message, c.message) << c.wire;
    Parsed bytes = Feed(c.wire, {1});
    EXPECT_EQ(bytes.error_message, c.message) << c.wire;
  }
  EXPECT_EQ(ParseAll("HTTP/2.0 200 OK\r\n\r\n").error_status, 505);
}

TEST(ResponseParserLimits, BodyLimits) {
  Limits limits;
  limits.max_body_bytes = 4;
  EXPECT_EQ(
      ParseAll("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", false, false, limits).error_status,
      413);
  EXPECT_EQ(ParseAll("HTTP/1.1 200 OK\r\n\r\n12345", false, false, limits).error_status, 413);
}

TEST(ResponseParserSplits, RandomSplitsEqualWhole) {
  const char* corpus[] = {
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
      "{\"ok\": false}",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a=b\r\nx\r\n1a\r\n"
      "abcdefghijklmnopqrstuvwxyz\r\n0\r\nX: y\r\n\r\n",
      "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
  };
  std::mt19937 rng(7);
  for (const char* wire : corpus) {
    Parsed whole = ParseAll(wire);
    ASSERT_EQ(whole.status, ParseStatus::kComplete);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::size_t> sizes;
      for (int i = 0; i < 6; ++i) sizes.push_back(1 + rng() % 13);
      Parsed split = Feed(wire, sizes);
      ASSERT_EQ(split.status, ParseStatus::kComplete);
      ASSERT_EQ(split.code, whole.code);
      ASSERT_EQ(split.body, whole.body);
      ASSERT_EQ(split.consumed, whole.consumed);
    }
  }
}

TEST(ResponseParser, PipelinedResponses) {
  std::string buf =
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\nTransfer-Encoding: "
      "chunked\r\n\r\n1\r\nb\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
  ResponseParser p;
  std::vector<std::string> bodies;
  while (!buf.empty()) {
    ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
    bodies.emplace_back(p.response().body);
    buf.erase(0, p.consumed());
    p.Reset();
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"a", "b", ""}));
}

}  // namespace
}  // namespace gori::http
