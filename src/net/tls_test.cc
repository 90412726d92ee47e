#include "net/tls.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "net/echo_harness_test.h"

namespace gori::net {
namespace {

using testing::EchoServer;
using testing::Peer;
using testing::RunUntil;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/gori-tls-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    cert_ = dir_ + "/tls.crt";
    key_ = dir_ + "/tls.key";
    ASSERT_TRUE(WriteSelfSignedCertificate(cert_, key_, {"127.0.0.1", "localhost"}));
    auto loop = EventLoop::Create();
    ASSERT_TRUE(loop);
    loop_ = std::move(*loop);
    auto ctx = TlsServerContext::Create(cert_, key_);
    ASSERT_TRUE(ctx) << ctx.error().message;
    server_ctx_ = *ctx;
    auto listener = Listener::Bind(*SocketAddress::Parse("127.0.0.1:0"));
    ASSERT_TRUE(listener);
    target_ = listener->local_address();
    server_ = std::make_unique<EchoServer>(*loop_, std::move(*listener), [this](UniqueFd fd) {
      return std::unique_ptr<Transport>(server_ctx_->NewTransport(std::move(fd)));
    });
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::shared_ptr<TlsClientContext> Client(const std::string& ca, bool verify = true) {
    TlsClientOptions o;
    o.ca_file = ca;
    o.verify = verify;
    o.server_name = "127.0.0.1";
    auto c = TlsClientContext::Create(o);
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }

  // Connects, echoes `msg`, returns the client peer (still open).
  std::unique_ptr<Peer> Echo(TlsClientContext& ctx, const std::string& msg, TlsTransport** tls) {
    auto fd = StartConnect(target_);
    EXPECT_TRUE(fd);
    auto t = ctx.NewTransport(std::move(*fd));
    *tls = t.get();
    auto peer = std::make_unique<Peer>(*loop_, std::move(t), false);
    peer->Send(msg);
    RunUntil(*loop_, [&] { return peer->received.size() >= msg.size() || !peer->error.empty(); });
    return peer;
  }

  std::string dir_, cert_, key_;
  std::unique_ptr<EventLoop> loop_;
  std::shared_ptr<TlsServerContext> server_ctx_;
  std::unique_ptr<EchoServer> server_;
  SocketAddress target_;
};

TEST_F(TlsTest, EchoWithVerifiedCertificate) {
  auto client = Client(cert_);
  TlsTransport* tls = nullptr;
  std::string big(200'000, 'g');
  auto peer = Echo(*client, big, &tls);
  ASSERT_EQ(peer->error, "");
  EXPECT_EQ(peer->received, big);
  EXPECT_EQ(tls->protocol(), "TLSv1.3");
  EXPECT_FALSE(tls->session_reused());
}

TEST_F(TlsTest, ReadersThatTrustInputDrainedNeverStall) {
  // Both ends stop reading as soon as InputDrained() says the socket is empty: if it ever says
  // so while bytes remain (in the socket or decrypted inside OpenSSL), the echo stalls.
  server_->honor_drained = true;
  auto client = Client(cert_);
  auto fd = StartConnect(target_);
  ASSERT_TRUE(fd);
  auto t = client->NewTransport(std::move(*fd));
  TlsTransport* tls = t.get();
  Peer peer(*loop_, std::move(t), false);
  peer.honor_drained = true;
  std::string expected;
  for (std::size_t size : {std::size_t{1}, std::size_t{5000}, std::size_t{16384},
                           std::size_t{16385}, std::size_t{300'000}}) {
    std::string msg(size, static_cast<char>('a' + size % 26));
    expected += msg;
    peer.Send(msg);
    ASSERT_TRUE(RunUntil(*loop_, [&] { return peer.received.size() >= expected.size(); }))
        << "stalled after " << peer.received.size() << " of " << expected.size() << " bytes";
  }
  EXPECT_EQ(peer.received, expected);
  EXPECT_EQ(peer.error, "");
  EXPECT_TRUE(tls->InputDrained());
}

TEST_F(TlsTest, SecondConnectionResumesTheSession) {
  auto client = Client(cert_);
  TlsTransport* first = nullptr;
  auto a = Echo(*client, "one", &first);
  ASSERT_EQ(a->received, "one");
  TlsTransport* second = nullptr;
  auto b = Echo(*client, "two", &second);
  ASSERT_EQ(b->received, "two");
  EXPECT_TRUE(second->session_reused());
}

TEST_F(TlsTest, WrongTrustAnchorFailsVerification) {
  std::string other_cert = dir_ + "/other.crt", other_key = dir_ + "/other.key";
  ASSERT_TRUE(WriteSelfSignedCertificate(other_cert, other_key, {"127.0.0.1"}));
  auto client = Client(other_cert);
  TlsTransport* tls = nullptr;
  auto peer = Echo(*client, "x", &tls);
  EXPECT_NE(peer->error.find("certificate verify failed"), std::string::npos) << peer->error;
}

TEST_F(TlsTest, ReloadSwapsTheCertificateWithoutDroppingOpenConnections) {
  auto old_trust = Client(cert_);
  TlsTransport* tls = nullptr;
  auto open = Echo(*old_trust, "before", &tls);
  ASSERT_EQ(open->received, "before");
  std::string old_copy = dir_ + "/old.crt";
  std::filesystem::copy_file(cert_, old_copy);

  ASSERT_TRUE(WriteSelfSignedCertificate(cert_, key_, {"127.0.0.1"}));
  ASSERT_TRUE(server_ctx_->Reload());
  EXPECT_EQ(server_ctx_->reload_count(), 1u);

  // The open connection keeps working on the old certificate.
  open->Send("-after");
  ASSERT_TRUE(RunUntil(*loop_, [&] { return open->received == "before-after"; }));
  // New connections get the new certificate: trusted by its own CA, rejected by the old one.
  auto new_trust = Client(cert_);
  TlsTransport* t2 = nullptr;
  auto fresh = Echo(*new_trust, "new", &t2);
  EXPECT_EQ(fresh->received, "new");
  auto stale = Client(old_copy);
  stale.get();
  TlsTransport* t3 = nullptr;
  auto rejected = Echo(*Client(old_copy), "x", &t3);
  EXPECT_NE(rejected->error.find("certificate verify failed"), std::string::npos);
}

TEST_F(TlsTest, SessionsResumeAcrossReload) {
  auto client = Client("", /*verify=*/false);
  TlsTransport* t1 = nullptr;
  auto a = Echo(*client, "a", &t1);
  ASSERT_EQ(a->received, "a");
  ASSERT_TRUE(WriteSelfSignedCertificate(cert_, key_, {"127.0.0.1"}));
  ASSERT_TRUE(server_ctx_->Reload());
  TlsTransport* t2 = nullptr;
  auto b = Echo(*client, "b", &t2);
  ASSERT_EQ(b->received, "b");
  EXPECT_TRUE(t2->session_reused());
}

TEST_F(TlsTest, FailedReloadKeepsTheOldCertificate) {
  { std::ofstream(cert_) << "not a certificate\n"; }
  auto st = server_ctx_->Reload();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message.rfind("tls: cannot load certificate chain from " + cert_, 0), 0u)
      << st.error().message;
  EXPECT_EQ(server_ctx_->reload_count(), 0u);
  auto client = Client("", false);
  TlsTransport* tls = nullptr;
  auto peer = Echo(*client, "still", &tls);
  EXPECT_EQ(peer->received, "still");
}

TEST_F(TlsTest, NotAfterIsTheCertificatesExpiry) {
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  EXPECT_NEAR(static_cast<double>(server_ctx_->not_after_unix() - now), 30.0 * 86400, 120);
}

TEST(TlsContext, MissingFilesAndMismatchedKey) {
  auto missing = TlsServerContext::Create("/nonexistent/tls.crt", "/nonexistent/tls.key");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message.rfind("tls: cannot load certificate chain from "
                                          "/nonexistent/tls.crt: ",
                                          0),
            0u);
  char tmpl[] = "/tmp/gori-tls-test-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string d = tmpl;
  ASSERT_TRUE(WriteSelfSignedCertificate(d + "/a.crt", d + "/a.key", {"a"}));
  ASSERT_TRUE(WriteSelfSignedCertificate(d + "/b.crt", d + "/b.key", {"b"}));
  auto mismatched = TlsServerContext::Create(d + "/a.crt", d + "/b.key");
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(
      mismatched.error().message.rfind("tls: cannot load private key from " + d + "/b.key", 0), 0u)
      << mismatched.error().message;
  std::filesystem::remove_all(d);
}

}  // namespace
}  // namespace gori::net
