#include "http/parser.h"

#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace gori::http {
namespace {

// A copy of what a parse produced, so it outlives the buffer.
struct Parsed {
  ParseStatus status = ParseStatus::kIncomplete;
  std::string method, target, body;
  int minor_version = -1;
  std::vector<std::pair<std::string, std::string>> headers;
  bool keep_alive = false;
  std::size_t consumed = 0;
  int error_status = 0;
  std::string error_message;
  std::size_t error_offset = 0;
};

Parsed Snapshot(const RequestParser& p, ParseStatus s) {
  Parsed out;
  out.status = s;
  if (s == ParseStatus::kComplete) {
    const Request& r = p.request();
    out.method = r.method;
    out.target = r.target;
    out.body = r.body;
    out.minor_version = r.minor_version;
    for (const Header& h : r.headers) out.headers.emplace_back(h.name, h.value);
    out.keep_alive = r.keep_alive;
    out.consumed = p.consumed();
  } else if (s == ParseStatus::kError) {
    out.error_status = p.error().status;
    out.error_message = p.error().message;
    out.error_offset = p.error().offset;
  }
  return out;
}

// Feeds `wire` in pieces whose sizes come from `sizes` (cycled), growing one std::string so the
// buffer moves in memory between calls, as a connection's buffer does.
Parsed Feed(std::string_view wire, const std::vector<std::size_t>& sizes,
            const Limits& limits = {}) {
  RequestParser p(limits);
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
  return Snapshot(p, s);
}

Parsed ParseAll(std::string_view wire, const Limits& limits = {}) {
  return Feed(wire, {wire.size() == 0 ? 1 : wire.size()}, limits);
}

void ExpectError(std::string_view wire, int status, std::string_view message,
                 const Limits& limits = {}) {
  Parsed whole = ParseAll(wire, limits);
  EXPECT_EQ(whole.status, ParseStatus::kError) << wire;
  EXPECT_EQ(whole.error_status, status) << wire;
  EXPECT_EQ(whole.error_message, message) << wire;
  Parsed bytes = Feed(wire, {1}, limits);
  EXPECT_EQ(bytes.status, ParseStatus::kError) << "byte by byte: " << wire;
  EXPECT_EQ(bytes.error_status, status) << "byte by byte: " << wire;
  EXPECT_EQ(bytes.error_message, message) << "byte by byte: " << wire;
}

TEST(RequestParser, SimpleGet) {
  Parsed r = ParseAll("GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/healthz");
  EXPECT_EQ(r.minor_version, 1);
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].first, "Host");
  EXPECT_EQ(r.headers[1].second, "t");
  EXPECT_EQ(r.body, "");
  EXPECT_TRUE(r.keep_alive);
  EXPECT_EQ(r.consumed, 49u);
}

TEST(RequestParser, ViewsPointIntoTheCallersBuffer) {
  std::string buf = "POST /validate?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc";
  RequestParser p;
  ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
  EXPECT_EQ(p.request().body.data(), buf.data() + buf.size() - 3);
  EXPECT_EQ(p.request().method.data(), buf.data());
  EXPECT_EQ(p.request().Path(), "/validate");
  EXPECT_EQ(p.request().Find("content-length"), "3");
  EXPECT_EQ(p.request().Find("missing").data(), nullptr);
}

TEST(RequestParser, HeaderValueWhitespaceIsTrimmed) {
  Parsed r = ParseAll("GET / HTTP/1.1\r\nHost:   a b \t\r\nX-Empty:\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.headers[0].second, "a b");
  EXPECT_EQ(r.headers[1].second, "");
}

TEST(RequestParser, ContentLengthBody) {
  Parsed r = ParseAll("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "hello");
}

TEST(RequestParser, IncompleteBodyWaits) {
  Parsed r = ParseAll("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nhello");
  EXPECT_EQ(r.status, ParseStatus::kIncomplete);
}

TEST(RequestParser, ChunkedBodyIsDecodedInPlace) {
  std::string wire =
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n1;name=value;q=\"a \\\" b\"\r\n,\r\n6 ; x\r\n world\r\n0\r\nX-T: 1\r\n\r\n";
  Parsed r = ParseAll(wire);
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "hello, world");
  EXPECT_EQ(r.consumed, wire.size());
  ASSERT_EQ(r.headers.size(), 2u);  // the trailer is checked, not kept
}

TEST(RequestParser, ChunkedUppercaseHexAndCodingCase) {
  Parsed r = ParseAll(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ChUnKeD\r\n\r\n"
      "A\r\n0123456789\r\n0\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "0123456789");
}

TEST(RequestParser, PipelinedRequestsAreParsedOneAfterAnother) {
  std::string buf =
      "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
      "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
      "GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
  RequestParser p;
  std::vector<std::string> targets;
  std::vector<bool> keep;
  while (!buf.empty()) {
    ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
    targets.emplace_back(p.request().target);
    keep.push_back(p.request().keep_alive);
    buf.erase(0, p.consumed());
    p.Reset();
  }
  EXPECT_EQ(targets, (std::vector<std::string>{"/a", "/b", "/c"}));
  EXPECT_EQ(keep, (std::vector<bool>{true, true, false}));
}

TEST(RequestParser, ConsumedStopsAtTheMessageEnd) {
  std::string buf = "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next";
  RequestParser p;
  ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
  EXPECT_EQ(p.consumed(), 27u);
}

TEST(RequestParser, LeadingEmptyLinesAreIgnored) {
  Parsed r = ParseAll("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.method, "GET");
}

TEST(RequestParser, Http10KeepAliveRules) {
  EXPECT_FALSE(ParseAll("GET / HTTP/1.0\r\n\r\n").keep_alive);
  Parsed r = ParseAll("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
  EXPECT_EQ(r.minor_version, 0);
  EXPECT_TRUE(r.keep_alive);
  EXPECT_FALSE(ParseAll("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, close\r\n\r\n").keep_alive);
}

TEST(RequestParser, HigherMinorVersionIsServedAsHttp11) {
  Parsed r = ParseAll("GET / HTTP/1.7\r\nHost: a\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.minor_version, 1);
}

TEST(RequestParser, IdenticalContentLengthListIsAccepted) {
  Parsed r =
      ParseAll("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.body, "ok");
}

TEST(RequestParser, ExpectContinueIsVisibleBeforeTheBody) {
  std::string buf =
      "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
  RequestParser p;
  EXPECT_EQ(p.Parse(buf), ParseStatus::kIncomplete);
  EXPECT_TRUE(p.headers_complete());
  EXPECT_TRUE(p.expect_continue());
  buf += "body";
  ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
  EXPECT_TRUE(p.request().expect_continue);
  EXPECT_EQ(p.request().body, "body");
}

TEST(RequestParser, ObsTextIsAllowedInValues) {
  Parsed r = ParseAll("GET / HTTP/1.1\r\nHost: a\r\nX: caf\xc3\xa9\r\n\r\n");
  ASSERT_EQ(r.status, ParseStatus::kComplete);
  EXPECT_EQ(r.headers[1].second, "caf\xc3\xa9");
}

// Smuggling and strictness cases (RFC 9112).
TEST(RequestParserStrict, ContentLengthAndTransferEncodingTogether) {
  ExpectError(
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
      "both Content-Length and Transfer-Encoding");
  ExpectError(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400,
      "both Content-Length and Transfer-Encoding");
}

TEST(RequestParserStrict, DifferingContentLengths) {
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400,
              "conflicting Content-Length values");
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\n", 400,
              "conflicting Content-Length values");
}

TEST(RequestParserStrict, MalformedContentLength) {
  for (const char* v : {"+3", "-1", "3 4", "0x10", "", "1,", " ,1", "3a"}) {
    ExpectError(std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: ") + v + "\r\n\r\n", 400,
                "invalid Content-Length");
  }
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400,
              "Content-Length too large");
}

TEST(RequestParserStrict, TransferEncodingRules) {
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400,
              "chunked is not the final transfer coding");
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400,
              "chunked is not the final transfer coding");
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
              "unsupported transfer coding");
  ExpectError(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
      "chunked\r\n\r\n",
      400, "chunked applied more than once");
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ,\r\n\r\n", 400,
              "invalid Transfer-Encoding");
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked x\r\n\r\n", 400,
              "invalid Transfer-Encoding");
  ExpectError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
              "Transfer-Encoding in an HTTP/1.0 request");
}

TEST(RequestParserStrict, ObsFoldAndWhitespace) {
  ExpectError("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  continued\r\n\r\n", 400,
              "obsolete line folding is not allowed");
  ExpectError("GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400,
              "whitespace before the first header field");
  ExpectError("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, "whitespace before colon in header field");
  ExpectError("GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", 400, "invalid character in header name");
  ExpectError("GET / HTTP/1.1\r\n: a\r\n\r\n", 400, "empty header name");
  ExpectError("GET / HTTP/1.1\r\nHosta\r\n\r\n", 400, "header field without colon");
}

TEST(RequestParserStrict, BareCrAndBareLf) {
  ExpectError("GET / HTTP/1.1\nHost: a\r\n\r\n", 400, "bare LF in header");
  ExpectError("GET / HTTP/1.1\r\nHost: a\r\n\n", 400, "bare LF in header");
  ExpectError("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400, "invalid character in header value");
  ExpectError("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", 400, "invalid character in header value");
  ExpectError("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", 400, "invalid character in request target");
  ExpectError("GET / HTTP/1.1\r\nHost: \x01\r\n\r\n", 400, "invalid character in header value");
  ExpectError("GET / HTTP/1.1\r\nHost: a\x7f\r\n\r\n", 400, "invalid character in header value");
}

TEST(RequestParserStrict, RequestLine) {
  ExpectError("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400, "malformed request line");
  ExpectError("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400, "malformed HTTP version");
  ExpectError("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400, "invalid character in method");
  ExpectError("GET /\x80 HTTP/1.1\r\nHost: a\r\n\r\n", 400, "invalid character in request target");
  ExpectError("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505, "HTTP version not supported");
  ExpectError("GET / http/1.1\r\nHost: a\r\n\r\n", 400, "malformed HTTP version");
  ExpectError("GET\r\n\r\n", 400, "malformed request line");
  ExpectError("GET /\r\n\r\n", 400, "malformed request line");
}

TEST(RequestParserStrict, HostRules) {
  ExpectError("GET / HTTP/1.1\r\n\r\n", 400, "missing Host header");
  ExpectError("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400, "more than one Host header");
}

TEST(RequestParserStrict, ChunkSizes) {
  const std::string head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  ExpectError(head + "x\r\n", 400, "invalid chunk size");
  ExpectError(head + "\r\n", 400, "invalid chunk size");
  ExpectError(head + "-1\r\n", 400, "invalid chunk size");
  ExpectError(head + "0x5\r\nhello\r\n", 400, "invalid chunk extension");
  ExpectError(head + "5 5\r\nhello\r\n", 400, "invalid chunk extension");
  ExpectError(head + "1000000000000000\r\n", 400, "chunk size too large");
  ExpectError(head + "5;\r\nhello\r\n", 400, "invalid chunk extension");
  ExpectError(head + "5;a=\r\nhello\r\n", 400, "invalid chunk extension");
  ExpectError(head + "5;a=\"open\r\nhello\r\n", 400, "invalid chunk extension");
  ExpectError(head + "5\r\nhelloX\r\n", 400, "chunk data not followed by CRLF");
  ExpectError(head + "5\r\nhello\rX", 400, "chunk data not followed by CRLF");
  ExpectError(head + "5\nhello\r\n", 400, "bare LF in chunk");
  ExpectError(head + "5;" + std::string(2000, 'a') + "\r\n", 400, "chunk size line too long");
  ExpectError(head + "0\r\nX : y\r\n\r\n", 400, "whitespace before colon in header field");
}

TEST(RequestParserLimits, HeaderSectionTooLargeIs431) {
  Limits limits;
  limits.max_header_bytes = 64;
  ExpectError("GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + std::string(100, 'v') + "\r\n\r\n", 431,
              "header section too large", limits);
  // Detected before the end of the section arrives: a slow client cannot park 1 GiB.
  Parsed r = ParseAll("GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + std::string(100, 'v'), limits);
  EXPECT_EQ(r.status, ParseStatus::kError);
  EXPECT_EQ(r.error_status, 431);
}

TEST(RequestParserLimits, TooManyHeadersIs431) {
  Limits limits;
  limits.max_headers = 3;
  ExpectError("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 431,
              "too many header fields", limits);
}

TEST(RequestParserLimits, BodyTooLargeIs413BeforeTheBodyArrives) {
  Limits limits;
  limits.max_body_bytes = 10;
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", 413, "body too large",
              limits);
  Parsed ok =
      ParseAll("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits);
  EXPECT_EQ(ok.status, ParseStatus::kComplete);
  ExpectError(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n5\r\n", 413,
      "body too large", limits);
}

TEST(RequestParserLimits, TrailersCountAgainstTheHeaderLimit) {
  Limits limits;
  limits.max_header_bytes = 80;
  ExpectError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: " +
                  std::string(100, 'v') + "\r\n\r\n",
              431, "header section too large", limits);
}

TEST(RequestParser, ErrorOffsetPointsAtTheProblem) {
  Parsed r = ParseAll("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n");
  EXPECT_EQ(r.error_offset, 28u);
}

TEST(RequestParser, ResetAfterErrorParsesAFreshMessage) {
  RequestParser p;
  std::string bad = "GET / HTTP/1.1\r\nHost : a\r\n\r\n";
  EXPECT_EQ(p.Parse(bad), ParseStatus::kError);
  EXPECT_EQ(p.Parse(bad), ParseStatus::kError);  // sticky until Reset
  p.Reset();
  std::string good = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  EXPECT_EQ(p.Parse(good), ParseStatus::kComplete);
}

// Every split of a message must give the same result as parsing it whole.
const char* const kCorpus[] = {
    "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST /validate HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: "
    "11\r\n\r\n{\"a\": true}",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n10\r\n"
    "0123456789abcdef\r\n0\r\nT: v\r\n\r\n",
    "\r\nGET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n",
};

TEST(RequestParserSplits, ByteByByteEqualsWhole) {
  for (const char* wire : kCorpus) {
    Parsed whole = ParseAll(wire);
    Parsed bytes = Feed(wire, {1});
    EXPECT_EQ(bytes.status, whole.status) << wire;
    EXPECT_EQ(bytes.body, whole.body) << wire;
    EXPECT_EQ(bytes.headers, whole.headers) << wire;
    EXPECT_EQ(bytes.error_message, whole.error_message) << wire;
    EXPECT_EQ(bytes.consumed, whole.consumed) << wire;
  }
}

TEST(RequestParserSplits, RandomSplitPointsEqualWhole) {
  std::mt19937 rng(20261126);
  for (const char* wire : kCorpus) {
    Parsed whole = ParseAll(wire);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::size_t> sizes;
      for (int i = 0; i < 8; ++i) sizes.push_back(1 + rng() % 17);
      Parsed split = Feed(wire, sizes);
      ASSERT_EQ(split.status, whole.status) << wire;
      ASSERT_EQ(split.method, whole.method);
      ASSERT_EQ(split.target, whole.target);
      ASSERT_EQ(split.body, whole.body);
      ASSERT_EQ(split.headers, whole.headers);
      ASSERT_EQ(split.error_message, whole.error_message);
      ASSERT_EQ(split.error_offset, whole.error_offset);
    }
  }
}

TEST(RequestParser, NoAllocationGrowthAfterWarmUp) {
  std::string buf = "POST / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nContent-Length: 2\r\n\r\nhi";
  RequestParser p;
  ASSERT_EQ(p.Parse(buf), ParseStatus::kComplete);
  const Header* first = p.request().headers.data();
  for (int i = 0; i < 10; ++i) {
    p.Reset();
    std::string again = buf;
    ASSERT_EQ(p.Parse(again), ParseStatus::kComplete);
    EXPECT_EQ(p.request().headers.data(), first);  // the header vector kept its storage
  }
}

}  // namespace
}  // namespace gori::http
