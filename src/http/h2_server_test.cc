#include "http/h2_server.h"

#include <string>

#include <gtest/gtest.h>

#include "http/h2_client.h"

namespace gori::http {
namespace {

// A client and a server session wired back to back in memory.
class H2Pair : public ::testing::Test {
 protected:
  Limits limits() {
    Limits l;
    l.max_body_bytes = 64;
    l.max_header_bytes = 512;
    return l;
  }
  H2ClientSession client{8, 1 << 20};
  H2ServerSession server{limits(), 4};

  // Moves bytes both ways until neither side has anything to say.
  void Pump() {
    for (int i = 0; i < 16; ++i) {
      ASSERT_TRUE(client.FillOutput());
      std::string c(client.output());
      client.Consumed(c.size());
      if (!c.empty()) {
        ASSERT_TRUE(server.Receive(c));
      }
      ASSERT_TRUE(server.FillOutput());
      std::string s(server.output());
      server.Consumed(s.size());
      if (!s.empty()) {
        ASSERT_TRUE(client.Receive(s));
      }
      if (c.empty() && s.empty()) return;
    }
  }

  // Answers every ready stream as a handler would: 200 echoing method, path and body.
  void Answer() {
    for (int32_t id : server.ready()) {
      int known = 0;
      const Request& r = server.request(id, &known);
      if (known != 0) {
        ASSERT_TRUE(server.Respond(id, {.status = known}));
        continue;
      }
      bodies_.push_back(std::string(r.method) + " " + std::string(r.target) + " " +
                        std::string(r.Find("content-type")) + " " + std::string(r.body));
      const Header extra[] = {{"X-Gori", "yes"}, {"Connection", "close"}};
      ASSERT_TRUE(server.Respond(id, {.status = 200,
                                      .content_type = "application/json",
                                      .body = bodies_.back(),
                                      .extra = extra}));
    }
    server.ready().clear();
  }
  std::vector<std::string> bodies_;
};

TEST_F(H2Pair, RequestsOnConcurrentStreamsGetTheirOwnAnswers) {
  const H2Field json[] = {{"content-type", "application/json"}};
  ASSERT_TRUE(client.Submit({"POST", "https", "gori", "/validate", json, R"({"a":1})"}, 0));
  ASSERT_TRUE(client.Submit({"GET", "https", "gori", "/healthz", {}, {}}, 1));
  Pump();
  ASSERT_EQ(server.ready().size(), 2u);
  EXPECT_EQ(server.open_streams(), 2u);
  Answer();
  Pump();
  ASSERT_EQ(client.closed().size(), 2u);
  EXPECT_EQ(client.response(0).status, 200);
  EXPECT_EQ(client.response(0).body, R"(POST /validate application/json {"a":1})");
  EXPECT_EQ(client.response(1).body, "GET /healthz  ");
  EXPECT_EQ(server.open_streams(), 0u);
}

TEST_F(H2Pair, OversizedBodyAndHeadersAreAnsweredOnTheirStreamOnly) {
  const std::string big(65, 'x');
  const std::string long_value(600, 'v');
  const H2Field huge[] = {{"x-long", long_value}};
  ASSERT_TRUE(client.Submit({"POST", "https", "gori", "/validate", {}, big}, 0));
  ASSERT_TRUE(client.Submit({"GET", "https", "gori", "/", huge, {}}, 1));
  ASSERT_TRUE(client.Submit({"GET", "https", "gori", "/ok", {}, {}}, 2));
  Pump();
  Answer();
  Pump();
  EXPECT_EQ(client.response(0).status, 413);
  EXPECT_EQ(client.response(1).status, 431);
  EXPECT_EQ(client.response(2).status, 200);
  EXPECT_TRUE(client.accepting());
}

TEST_F(H2Pair, StreamsOverTheLimitAreRefused) {
  for (uint32_t tag = 0; tag < 6; ++tag) {
    ASSERT_TRUE(client.Submit({"GET", "https", "gori", "/", {}, {}}, tag));
  }
  Pump();
  EXPECT_EQ(server.ready().size(), 4u);  // SETTINGS_MAX_CONCURRENT_STREAMS 4
  Answer();
  Pump();
  int refused = 0, answered = 0;
  for (uint32_t tag = 0; tag < 6; ++tag) {
    refused += client.response(tag).outcome == H2Outcome::kRefused;
    answered += client.response(tag).status == 200;
  }
  EXPECT_EQ(answered, 4);
  EXPECT_EQ(refused, 2);
}

TEST_F(H2Pair, ShutdownLetsStreamsInProgressFinishAndRefusesNewOnes) {
  ASSERT_TRUE(client.Submit({"GET", "https", "gori", "/", {}, {}}, 0));
  Pump();
  server.Shutdown();
  Pump();
  EXPECT_FALSE(client.accepting());
  EXPECT_FALSE(server.finished());  // stream 1 still waits for its answer
  Answer();
  Pump();
  EXPECT_EQ(client.response(0).status, 200);
  EXPECT_TRUE(server.finished());
}

TEST_F(H2Pair, ShutdownNoticeServesStreamsAlreadyOnTheWire) {
  ASSERT_TRUE(client.Submit({"GET", "https", "gori", "/a", {}, {}}, 0));
  server.ShutdownNotice();  // before the request arrived
  Pump();
  EXPECT_FALSE(client.accepting());
  ASSERT_EQ(server.ready().size(), 1u);
  Answer();
  Pump();
  EXPECT_EQ(client.response(0).status, 200);
  EXPECT_FALSE(server.finished());  // the final GOAWAY is still to come
  server.Shutdown();
  Pump();
  EXPECT_TRUE(server.finished());
}

TEST(H2ServerSession, GarbageIsAConnectionError) {
  H2ServerSession server(Limits{}, 100);
  EXPECT_FALSE(server.Receive(std::string_view("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
}

TEST(H2Preface, RecognisedWholeOrInPart) {
  bool complete = false;
  EXPECT_TRUE(LooksLikeH2Preface("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00", &complete));
  EXPECT_TRUE(complete);
  EXPECT_TRUE(LooksLikeH2Preface("PRI * HT", &complete));
  EXPECT_FALSE(complete);
  EXPECT_FALSE(LooksLikeH2Preface("POST /validate HTTP/1.1\r\n", &complete));
}

}  // namespace
}  // namespace gori::http
