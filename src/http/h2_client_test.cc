#include "http/h2_client.h"

#include <string>

#include <gtest/gtest.h>

namespace gori::http {
namespace {

// One frame: 9-byte header (length, type, flags, stream id) and payload.
std::string Frame(uint8_t type, uint8_t flags, uint32_t stream, std::string_view payload) {
  std::string f;
  const auto n = static_cast<uint32_t>(payload.size());
  f += static_cast<char>(n >> 16);
  f += static_cast<char>(n >> 8);
  f += static_cast<char>(n);
  f += static_cast<char>(type);
  f += static_cast<char>(flags);
  for (int shift = 24; shift >= 0; shift -= 8) f += static_cast<char>(stream >> shift);
  f += payload;
  return f;
}

constexpr uint8_t kData = 0, kHeaders = 1, kRst = 3, kSettings = 4, kGoaway = 7;
constexpr uint8_t kEndStream = 1, kEndHeaders = 4;

std::string U32(uint32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>(v >> shift);
  return s;
}

// HPACK literal without indexing, new name.
std::string Literal(std::string_view name, std::string_view value) {
  std::string s(1, '\0');
  s += static_cast<char>(name.size());
  s += name;
  s += static_cast<char>(value.size());
  s += value;
  return s;
}

const H2Request kGet{"GET", "http", "127.0.0.1:8080", "/", {}, {}};

class H2ClientTest : public ::testing::Test {
 protected:
  H2ClientSession s{4, 1024};

  std::string Drain() {
    EXPECT_TRUE(s.FillOutput().has_value());
    std::string out(s.output());
    s.Consumed(out.size());
    return out;
  }
};

TEST_F(H2ClientTest, SendsPrefaceAndSettingsFirst) {
  const std::string out = Drain();
  ASSERT_GE(out.size(), 24u + 9u);
  EXPECT_EQ(out.substr(0, 24), std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
  EXPECT_EQ(out[24 + 3], kSettings);
  EXPECT_EQ(s.peer_max_streams(), 100u);
}

TEST_F(H2ClientTest, ResponseWithBodyAndTrailers) {
  Drain();
  auto id = s.Submit(kGet, 2);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, 1);
  const std::string out = Drain();
  EXPECT_EQ(out[3], kHeaders);  // the request's HEADERS
  std::string in = Frame(kSettings, 0, 0, "");
  in += Frame(kHeaders, kEndHeaders, 1, "\x88");  // :status 200 (static table)
  in += Frame(kData, 0, 1, "hello");
  in += Frame(kHeaders, kEndHeaders | kEndStream, 1,
              Literal("grpc-status", "14") + Literal("grpc-message", "down"));
  ASSERT_TRUE(s.Receive(in).has_value());
  ASSERT_EQ(s.closed().size(), 1u);
  EXPECT_EQ(s.closed()[0], 2u);
  const H2Response& r = s.response(2);
  EXPECT_EQ(r.outcome, H2Outcome::kResponse);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.grpc_status, 14);
  EXPECT_EQ(r.grpc_message, "down");
}

TEST_F(H2ClientTest, RefusedAndResetStreamsAndGoaway) {
  Drain();
  ASSERT_EQ(s.Submit(kGet, 0).value(), 1);
  ASSERT_EQ(s.Submit(kGet, 1).value(), 3);
  ASSERT_EQ(s.Submit(kGet, 2).value(), 5);
  Drain();
  std::string in = Frame(kSettings, 0, 0, std::string("\0\x03", 2) + U32(7));
  in += Frame(kRst, 0, 1, U32(7));                      // REFUSED_STREAM
  in += Frame(kRst, 0, 3, U32(2));                      // INTERNAL_ERROR
  in += Frame(kGoaway, 0, 0, U32(1) + U32(0) + "bye");  // last stream 1: 5 not processed
  ASSERT_TRUE(s.Receive(in).has_value());
  EXPECT_EQ(s.peer_max_streams(), 7u);
  ASSERT_EQ(s.closed().size(), 3u);
  EXPECT_EQ(s.response(0).outcome, H2Outcome::kRefused);
  EXPECT_EQ(s.response(1).outcome, H2Outcome::kReset);
  EXPECT_EQ(H2ErrorName(s.response(1).error_code), "INTERNAL_ERROR");
  EXPECT_EQ(s.response(2).outcome, H2Outcome::kRefused);
  EXPECT_FALSE(s.accepting());
  EXPECT_EQ(s.goaway(), "GOAWAY NO_ERROR (last stream 1): bye");
  EXPECT_FALSE(s.Submit(kGet, 3).has_value());
}

TEST_F(H2ClientTest, OversizedBodyResetsTheStream) {
  Drain();
  ASSERT_TRUE(s.Submit(kGet, 0).has_value());
  Drain();
  std::string in = Frame(kSettings, 0, 0, "");
  in += Frame(kHeaders, kEndHeaders, 1, "\x88");
  in += Frame(kData, 0, 1, std::string(1000, 'x'));
  in += Frame(kData, kEndStream, 1, std::string(100, 'x'));
  ASSERT_TRUE(s.Receive(in).has_value());
  ASSERT_EQ(s.closed().size(), 1u);
  EXPECT_EQ(s.response(0).outcome, H2Outcome::kTooLarge);
}

TEST_F(H2ClientTest, GarbageIsAConnectionError) {
  Drain();
  ASSERT_TRUE(s.Submit(kGet, 0).has_value());
  Drain();
  auto r = s.Receive(std::string("HTTP/1.1 400 Bad Request\r\n\r\n"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            "HTTP/2 connection error: Remote peer returned unexpected data while we expected "
            "SETTINGS frame.  Perhaps, peer does not support HTTP/2 properly.");
}

TEST_F(H2ClientTest, CancelledStreamIsNotReported) {
  Drain();
  ASSERT_TRUE(s.Submit(kGet, 0).has_value());
  s.Cancel(0);
  ASSERT_EQ(s.Submit(kGet, 0).value(), 3);
  Drain();
  std::string in = Frame(kSettings, 0, 0, "");
  in += Frame(kHeaders, kEndHeaders | kEndStream, 1, "\x88");
  in += Frame(kHeaders, kEndHeaders | kEndStream, 3, "\x8d");  // :status 404
  ASSERT_TRUE(s.Receive(in).has_value());
  ASSERT_EQ(s.closed().size(), 1u);
  EXPECT_EQ(s.response(0).status, 404);
}

}  // namespace
}  // namespace gori::http
