#include "prom/client.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace gori::prom {
namespace {

// A one-shot HTTP server on 127.0.0.1: records the request, answers with `response` (or nothing,
// to test timeouts).
class OneShotServer {
 public:
  explicit OneShotServer(std::string response, bool answer = true)
      : response_(std::move(response)), answer_(answer) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(fd_, 4);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotServer() {
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& request() const { return request_; }

 private:
  void Serve() {
    const int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) return;
    char buf[65536];
    for (;;) {
      const ssize_t n = ::read(c, buf, sizeof buf);
      if (n <= 0) break;
      request_.append(buf, static_cast<std::size_t>(n));
      const auto head_end = request_.find("\r\n\r\n");
      if (head_end == std::string::npos) continue;
      const auto cl = request_.find("Content-Length: ");
      const std::size_t body_len = std::stoul(request_.substr(cl + 16));
      if (request_.size() >= head_end + 4 + body_len) break;
    }
    if (answer_) {
      std::size_t sent = 0;
      while (sent < response_.size()) {
        const ssize_t n = ::write(c, response_.data() + sent, response_.size() - sent);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
    } else {
      ::usleep(400'000);
    }
    ::close(c);
  }

  std::string response_;
  bool answer_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::string request_;
  std::thread thread_;
};

std::string Http(int status, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

TEST(PromClient, AlignWindowMovesBothEndsToMultiplesOfStep) {
  const RangeQuery q = AlignWindow("up", 1'700'000'059, 1800, 60);
  EXPECT_EQ(q.end_s, 1'700'000'040);
  EXPECT_EQ(q.start_s, 1'699'998'240);
  EXPECT_EQ(q.step_s, 60);
}

TEST(PromClient, FormBodyEncodesTheQuery) {
  RangeQuery q{"sum(rate(x{a=\"b c\"}[1m]))", 60, 120, 15};
  EXPECT_EQ(FormBody(q, 5000),
            "query=sum%28rate%28x%7Ba%3D%22b+c%22%7D%5B1m%5D%29%29&start=60&end=120&step=15"
            "&timeout=5000ms");
}

TEST(PromClient, PostsFormWithTokenAndTenantHeader) {
  OneShotServer server(Http(200, R"({"status":"success","data":{"resultType":"matrix",
      "result":[{"metric":{"track":"canary"},"values":[[60,"2"]]}]}})"));
  const std::string token_file = ::testing::TempDir() + "/prom_token";
  std::ofstream(token_file) << "s3cret\n";
  ClientOptions o;
  o.url = server.url() + "/prefix/";
  o.bearer_token_file = token_file;
  o.headers = {{"X-Scope-OrgID", "team-a"}};
  auto client = Client::Create(o);
  ASSERT_TRUE(client) << client.error().ToString();
  auto r = client->QueryRange({"up", 60, 120, 60});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->series.at(0).Label("track"), "canary");
  const std::string& req = server.request();
  EXPECT_EQ(req.rfind("POST /prefix/api/v1/query_range HTTP/1.1\r\n", 0), 0u) << req;
  EXPECT_NE(req.find("Authorization: Bearer s3cret\r\n"), std::string::npos);
  EXPECT_NE(req.find("X-Scope-OrgID: team-a\r\n"), std::string::npos);
  EXPECT_NE(req.find("Content-Type: application/x-www-form-urlencoded\r\n"), std::string::npos);
  EXPECT_NE(req.find("\r\n\r\nquery=up&start=60&end=120&step=60"), std::string::npos);
}

TEST(PromClient, ServiceUnavailableIsAnError) {
  OneShotServer server(Http(503, R"({"status":"error","errorType":"unavailable","error":"x"})"));
  auto client = Client::Create({.url = server.url()});
  ASSERT_TRUE(client);
  auto r = client->QueryRange({"up", 60, 120, 60});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "prometheus: HTTP 503: unavailable: x");
}

TEST(PromClient, ResponsesOverTheLimitAreRefused) {
  OneShotServer server(Http(200, std::string(4096, ' ') + "{}"));
  ClientOptions o;
  o.url = server.url();
  o.max_response_bytes = 1024;
  auto client = Client::Create(o);
  ASSERT_TRUE(client);
  auto r = client->QueryRange({"up", 60, 120, 60});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "prometheus: response larger than the limit of 1024 bytes");
}

TEST(PromClient, SilentServerTimesOut) {
  OneShotServer server("", /*answer=*/false);
  ClientOptions o;
  o.url = server.url();
  o.timeout_ms = 100;
  auto client = Client::Create(o);
  ASSERT_TRUE(client);
  auto r = client->QueryRange({"up", 60, 120, 60});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "prometheus: timed out after 100 ms while waiting for the response");
}

TEST(PromClient, BadUrlAndMissingTokenFileAreErrors) {
  EXPECT_FALSE(Client::Create({.url = "ftp://x"}));
  ClientOptions o;
  o.url = "http://127.0.0.1:9";
  o.bearer_token_file = "/nonexistent/token";
  EXPECT_FALSE(Client::Create(o));
}

}  // namespace
}  // namespace gori::prom
