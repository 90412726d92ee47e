#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "http/parser.h"
#include "webhook/fake_evaluator_test.h"
#include "webhook/service.h"

namespace gori::webhook {
namespace {

using http::HttpHandler;
using http::HttpResponse;
using http::Server;
using http::ServerOptions;

// Echoes the request body, or sleeps when the path is /slow (to hold a request in flight).
class EchoHandler final : public HttpHandler {
 public:
  HttpResponse Handle(const http::Request& r) override {
    if (r.Path() == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
    body_ = std::string(r.method) + " " + std::string(r.target) + " " + std::string(r.body);
    return {.status = 200, .content_type = "text/plain", .body = body_};
  }

 private:
  std::string body_;
};

class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{3, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  }
  ~Client() { close(fd_); }
  bool connected() const { return connected_; }

  void Send(std::string_view bytes) {
    ASSERT_EQ(send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  // The next response: "STATUS body" plus whether the server keeps the connection; "" on EOF.
  std::string Next(bool* keep_alive = nullptr) {
    http::ResponseParser p;
    while (true) {
      if (!buf_.empty()) {
        auto s = p.Parse(buf_);
        if (s == http::ParseStatus::kComplete) {
          std::string out =
              std::to_string(p.response().status) + " " + std::string(p.response().body);
          if (keep_alive) *keep_alive = p.response().keep_alive;
          buf_.erase(0, p.consumed());
          return out;
        }
        if (s == http::ParseStatus::kError) return "parse error";
      }
      char tmp[65536];
      ssize_t n = recv(fd_, tmp, sizeof(tmp), 0);
      if (n <= 0) return "";
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }
  bool ClosedByPeer() {
    char c;
    return recv(fd_, &c, 1, 0) == 0;
  }

 private:
  int fd_;
  bool connected_ = false;
  std::string buf_;
};

class ServerTest : public ::testing::Test {
 protected:
  void StartWith(ServerOptions o, Server::HandlerFactory f) {
    o.listen = *net::SocketAddress::Parse("127.0.0.1:0");
    auto s = Server::Start(o, f, &metrics_);
    ASSERT_TRUE(s) << s.error().message;
    server_ = std::move(*s);
  }
  void Start(ServerOptions o = {}) {
    StartWith(o, [] { return std::make_unique<EchoHandler>(); });
  }
  uint16_t port() const { return server_->address().port(); }

  Metrics metrics_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start();
  Client c(port());
  bool keep = false;
  c.Send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(&keep), "200 GET /a ");
  EXPECT_TRUE(keep);
  c.Send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(c.Next(), "200 POST /b hi");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start({.threads = 2});
  Client c(port());
  c.Send(
      "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
      "chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n");
  EXPECT_EQ(c.Next(), "200 GET /1 ");
  EXPECT_EQ(c.Next(), "200 POST /2 abc");
  bool keep = true;
  EXPECT_EQ(c.Next(&keep), "200 GET /3 ");
  EXPECT_FALSE(keep);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ServerTest, HeaderTooLargeIs431AndCloses) {
  ServerOptions o;
  o.limits.max_header_bytes = 1024;
  Start(o);
  Client c(port());
  c.Send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n");
  bool keep = true;
  EXPECT_EQ(c.Next(&keep), "431 header section too large\n");
  EXPECT_FALSE(keep);
  EXPECT_TRUE(c.ClosedByPeer());
  EXPECT_EQ(metrics_.errors.Get({"header_too_large"}), 1u);
}

TEST_F(ServerTest, BodyTooLargeIs413BeforeTheBodyIsSent) {
  Start();
  Client c(port());
  c.Send("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 4194304\r\n\r\n");
  EXPECT_EQ(c.Next(), "413 body too large\n");
  EXPECT_EQ(metrics_.responses.Get({"413"}), 1u);
}

TEST_F(ServerTest, SmugglingShapeIs400) {
  Start();
  Client c(port());
  c.Send(
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\n");
  EXPECT_EQ(c.Next(), "400 both Content-Length and Transfer-Encoding\n");
}

TEST_F(ServerTest, SlowRequestGets408) {
  Start({.read_timeout_us = 200'000});
  Client c(port());
  c.Send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_EQ(c.Next(), "408 request not received in time\n");
  EXPECT_EQ(metrics_.errors.Get({"read_timeout"}), 1u);
}

TEST_F(ServerTest, IdleConnectionIsClosed) {
  Start({.idle_timeout_us = 150'000});
  Client c(port());
  c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(), "200 GET / ");
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ServerTest, ConnectionsOverTheLimitGet503) {
  Start({.max_connections = 1});
  Client first(port());
  first.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(first.Next(), "200 GET / ");
  Client second(port());
  second.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(second.Next(), "503 too many connections\n");
  EXPECT_EQ(metrics_.errors.Get({"connection_limit"}), 1u);
}

TEST_F(ServerTest, ExpectContinueGets100First) {
  Start();
  Client c(port());
  c.Send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(c.Next(), "100 ");
  c.Send("body");
  EXPECT_EQ(c.Next(), "200 POST /e body");
}

TEST_F(ServerTest, DrainFinishesInFlightRequestsAndSaysClose) {
  Start();
  Client busy(port());
  Client idle(port());
  idle.Send("GET /i HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(idle.Next(), "200 GET /i ");
  busy.Send("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab");  // half a body
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server_->BeginDrain();
  Client late(port());  // still accepted while draining, answered with Connection: close
  late.Send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
  bool keep = true;
  EXPECT_EQ(late.Next(&keep), "200 GET /late ");
  EXPECT_FALSE(keep);
  server_->StopAccepting();
  EXPECT_TRUE(idle.ClosedByPeer());
  busy.Send("cd");
  EXPECT_EQ(busy.Next(&keep), "200 POST /d abcd");
  EXPECT_FALSE(keep);
  server_->Wait(2'000'000);
  Client refused(port());
  EXPECT_FALSE(refused.connected());
}

// A client that connected before the listener closed but has not sent its request yet is
// answered (with Connection: close); one that stays silent is closed after read_timeout.
TEST_F(ServerTest, StopAcceptingAnswersConnectionsNotYetServed) {
  Start({.read_timeout_us = 300'000});
  Client fresh(port());
  Client silent(port());
  Client served(port());
  served.Send("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(served.Next(), "200 GET /s ");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server_->BeginDrain();
  server_->StopAccepting();
  EXPECT_TRUE(served.ClosedByPeer());
  fresh.Send("GET /f HTTP/1.1\r\nHost: x\r\n\r\n");
  bool keep = true;
  EXPECT_EQ(fresh.Next(&keep), "200 GET /f ");
  EXPECT_FALSE(keep);
  EXPECT_TRUE(silent.ClosedByPeer());
  server_->Wait(2'000'000);
}

TEST_F(ServerTest, WebhookEndpoints) {
  testing::FakeEvaluator evaluator;
  ReviewPolicy policy;
  StartWith({}, [&] { return std::make_unique<WebhookHandler>(evaluator, policy, metrics_); });
  Client c(port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(), "200 ok\n");
  c.Send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(), "503 not ready\n");
  metrics_.ready = 1;
  c.Send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(), "200 ready\n");
  c.Send("GET /validate HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(), "405 use POST\n");
  c.Send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Next(), "404 not found\n");
  c.Send(
      "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/yaml\r\nContent-Length: "
      "2\r\n\r\n{}");
  EXPECT_EQ(c.Next(), "415 send application/json\n");
  std::string review = testing::Review("CREATE", R"([{"name":"a","image":"x:1"}])");
  c.Send(
      "POST /validate?timeout=3s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(review.size()) + "\r\n\r\n" + review);
  EXPECT_EQ(c.Next(),
            R"(200 {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":)"
            R"({"uid":"705ab4f5-6393-11e8-b7cc-42010a800002","allowed":true}})");
  c.Send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string m = c.Next();
  EXPECT_NE(m.find("gori_webhook_admission_requests_total{operation=\"CREATE\",kind=\"Pod\","
                   "decision=\"allowed\"} 1"),
            std::string::npos);
  EXPECT_NE(m.find("gori_webhook_admission_duration_seconds_count 1"), std::string::npos);
  EXPECT_NE(m.find("gori_webhook_open_connections 1"), std::string::npos);
}

}  // namespace
}  // namespace gori::webhook
