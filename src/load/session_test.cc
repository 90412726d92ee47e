#include "load/session.h"

#include <deque>
#include <string>

#include <gtest/gtest.h>

namespace gori::load {
namespace {

// Hands out scripted reads and records writes.
class FakeTransport final : public net::Transport {
 public:
  std::deque<std::string> reads;  // "" = EAGAIN; "<eof>" = EOF; "<err>" = error
  std::string written;
  std::size_t write_limit = SIZE_MAX;

  int fd() const override { return -1; }
  net::IoResult Handshake() override { return {net::IoStatus::kOk, 0}; }
  net::IoResult Read(char* data, std::size_t size) override {
    if (reads.empty() || reads.front().empty()) {
      if (!reads.empty()) reads.pop_front();
      drained_ = true;
      return {net::IoStatus::kWantRead, 0};
    }
    std::string& r = reads.front();
    if (r == "<eof>") return {net::IoStatus::kEof, 0};
    if (r == "<err>") {
      error_ = "Connection reset by peer";
      return {net::IoStatus::kError, 0};
    }
    const std::size_t n = std::min(size, r.size());
    r.copy(data, n);
    r.erase(0, n);
    if (r.empty()) reads.pop_front();
    drained_ = n < size;  // like a socket: a short read emptied it
    return {net::IoStatus::kOk, n};
  }
  net::IoResult Write(const char* data, std::size_t size) override {
    if (write_limit == 0) return {net::IoStatus::kWantWrite, 0};
    const std::size_t n = std::min(size, write_limit);
    written.append(data, n);
    write_limit -= std::min(write_limit, n);
    return {net::IoStatus::kOk, n};
  }
  net::IoResult Shutdown() override { return {net::IoStatus::kOk, 0}; }
  bool HasBufferedInput() const override { return false; }
  bool InputDrained() const override { return drained_; }
  void Readable() override {}
  const std::string& last_error() const override { return error_; }

 private:
  std::string error_;
  bool drained_ = false;
};

// Calls Receive once per "readiness event" until it stops blocking or the script runs out.
SessionStatus Pump(Http1Session& s, FakeTransport& t, bool expecting = true) {
  SessionStatus st = s.Receive(t, expecting);
  while (st == SessionStatus::kBlocked && !t.reads.empty()) st = s.Receive(t, expecting);
  return st;
}

TEST(Http1Session, WritesTheRequestAcrossBlockedWrites) {
  FakeTransport t;
  Http1Session s;
  s.Submit("GET / HTTP/1.1\r\nHost: h\r\n\r\n", false);
  t.write_limit = 5;
  EXPECT_EQ(s.Flush(t), SessionStatus::kBlocked);
  t.write_limit = SIZE_MAX;
  EXPECT_EQ(s.Flush(t), SessionStatus::kDone);
  EXPECT_EQ(t.written, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST(Http1Session, ResponseSplitOverReadsAndAfterA100Continue) {
  FakeTransport t;
  Http1Session s;
  s.Submit("POST / HTTP/1.1\r\n\r\n", false);
  t.reads = {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Le", "", "ngth: 2\r\n\r\nok"};
  EXPECT_EQ(s.Receive(t, true), SessionStatus::kBlocked);
  EXPECT_TRUE(s.drained());
  ASSERT_EQ(Pump(s, t), SessionStatus::kResponse);
  EXPECT_EQ(s.response().status, 200);
  EXPECT_EQ(s.response().body, "ok");
  EXPECT_TRUE(s.keep_alive());
  s.Consumed();
}

TEST(Http1Session, BodyUntilCloseCompletesAtEof) {
  FakeTransport t;
  Http1Session s;
  s.Submit("GET / HTTP/1.1\r\n\r\n", false);
  t.reads = {"HTTP/1.1 200 OK\r\n\r\nall of it", "<eof>"};
  ASSERT_EQ(Pump(s, t), SessionStatus::kResponse);
  EXPECT_EQ(s.response().body, "all of it");
  EXPECT_FALSE(s.keep_alive());
}

TEST(Http1Session, FailuresHaveAKindAndAReason) {
  {
    FakeTransport t;
    Http1Session s;
    s.Submit("GET / HTTP/1.1\r\n\r\n", false);
    t.reads = {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", "<eof>"};
    EXPECT_EQ(Pump(s, t), SessionStatus::kFailed);
    EXPECT_EQ(s.error(), ErrorKind::kClosed);
  }
  {
    FakeTransport t;
    Http1Session s;
    s.Submit("GET / HTTP/1.1\r\n\r\n", false);
    t.reads = {"<eof>"};
    EXPECT_EQ(Pump(s, t), SessionStatus::kFailed);
    EXPECT_EQ(s.error(), ErrorKind::kClosed);
    EXPECT_EQ(s.why(), "the server closed the connection without a response");
  }
  {
    FakeTransport t;
    Http1Session s;
    s.Submit("GET / HTTP/1.1\r\n\r\n", false);
    t.reads = {"<err>"};
    EXPECT_EQ(Pump(s, t), SessionStatus::kFailed);
    EXPECT_EQ(s.error(), ErrorKind::kReset);
    EXPECT_EQ(s.why(), "Connection reset by peer");
  }
  {
    FakeTransport t;
    Http1Session s;
    s.Submit("GET / HTTP/1.1\r\n\r\n", false);
    t.reads = {"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx"};
    EXPECT_EQ(Pump(s, t), SessionStatus::kFailed);
    EXPECT_EQ(s.error(), ErrorKind::kProtocol);
    EXPECT_FALSE(s.why().empty());
  }
}

TEST(Http1Session, BytesOnAnIdleConnectionEndIt) {
  FakeTransport t;
  Http1Session s;
  t.reads = {"HTTP/1.1 408 Request Timeout\r\n\r\n"};
  EXPECT_EQ(s.Receive(t, false), SessionStatus::kPeerClosed);
  FakeTransport eof;
  eof.reads = {"<eof>"};
  EXPECT_EQ(s.Receive(eof, false), SessionStatus::kPeerClosed);
}

TEST(Http1Session, HeadResponsesHaveNoBody) {
  FakeTransport t;
  Http1Session s;
  s.Submit("HEAD / HTTP/1.1\r\n\r\n", true);
  t.reads = {"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"};
  ASSERT_EQ(Pump(s, t), SessionStatus::kResponse);
  EXPECT_EQ(s.response().body, "");
}

}  // namespace
}  // namespace gori::load
