#include "net/socket.h"

#include <gtest/gtest.h>

#include "net/echo_harness_test.h"

namespace gori::net {
namespace {

using testing::EchoServer;
using testing::Peer;
using testing::RunUntil;

TEST(SocketAddress, ParsesNumericForms) {
  auto v4 = SocketAddress::Parse("127.0.0.1:8443");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->ToString(), "127.0.0.1:8443");
  EXPECT_EQ(v4->port(), 8443);
  auto v6 = SocketAddress::Parse("[::1]:9");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->ToString(), "[::1]:9");
  auto any = SocketAddress::Parse(":8443");
  ASSERT_TRUE(any);
  EXPECT_EQ(any->ToString(), "0.0.0.0:8443");
}

TEST(SocketAddress, RejectsWithAReason) {
  EXPECT_EQ(SocketAddress::Parse("127.0.0.1").error().message,
            "invalid address '127.0.0.1': want host:port");
  EXPECT_EQ(SocketAddress::Parse("127.0.0.1:99999").error().message,
            "invalid port in '127.0.0.1:99999'");
  EXPECT_EQ(SocketAddress::Parse("::1:80").error().message,
            "invalid address '::1:80': put IPv6 in brackets");
  EXPECT_EQ(SocketAddress::Parse("example.com:80").error().message,
            "invalid address 'example.com:80': not a numeric IP");
  EXPECT_EQ(SocketAddress::Parse("[::1:80").error().message,
            "invalid address '[::1:80': want [v6]:port");
}

TEST(SocketAddress, ResolvesLocalhost) {
  auto r = SocketAddress::Resolve("127.0.0.1", 80);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->front().ToString(), "127.0.0.1:80");
}

// With `honor_drained`, both ends stop reading when InputDrained() says the socket is empty
// (as the webhook and the load client do): a wrong answer stalls the echo.
void EchoOver(const std::string& listen, bool honor_drained = false) {
  auto loop = EventLoop::Create();
  ASSERT_TRUE(loop);
  auto addr = SocketAddress::Parse(listen);
  ASSERT_TRUE(addr);
  auto listener = Listener::Bind(*addr);
  if (!listener && addr->family() == AF_INET6) GTEST_SKIP() << "no IPv6 loopback here";
  ASSERT_TRUE(listener) << listener.error().message;
  EXPECT_NE(listener->local_address().port(), 0);
  SocketAddress target = listener->local_address();
  EchoServer server(**loop, std::move(*listener),
                    [](UniqueFd fd) { return std::make_unique<TcpTransport>(std::move(fd)); });
  server.honor_drained = honor_drained;
  auto fd = StartConnect(target);
  ASSERT_TRUE(fd) << fd.error().message;
  Peer client(**loop, std::make_unique<TcpTransport>(std::move(*fd)), false);
  client.honor_drained = honor_drained;
  std::string big(300'000, 'x');  // larger than socket buffers: exercises would-block writes
  for (std::size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  client.Send(big);
  ASSERT_TRUE(RunUntil(**loop, [&] { return client.received.size() >= big.size(); }));
  EXPECT_EQ(client.received, big);
  // Half-close: the server sees EOF.
  client.transport()->Shutdown();
  ASSERT_TRUE(RunUntil(**loop, [&] { return server.peers.size() == 1 && server.peers[0]->eof; }));
}

TEST(Tcp, EchoOverIpv4) { EchoOver("127.0.0.1:0"); }
TEST(Tcp, EchoOverIpv6) { EchoOver("[::1]:0"); }
TEST(Tcp, EchoWithReadersThatTrustInputDrained) { EchoOver("127.0.0.1:0", true); }

TEST(Tcp, ConnectRefusedIsReportedByFinishConnect) {
  auto loop = EventLoop::Create();
  ASSERT_TRUE(loop);
  // Bind then close to get a port nobody listens on.
  auto listener = Listener::Bind(*SocketAddress::Parse("127.0.0.1:0"));
  ASSERT_TRUE(listener);
  SocketAddress target = listener->local_address();
  listener->Close();
  auto fd = StartConnect(target);
  ASSERT_TRUE(fd);
  struct Waiter final : IoHandler {
    void OnIo(uint32_t) override { done = true; }
    bool done = false;
  } waiter;
  ASSERT_TRUE((*loop)->Watch(fd->get(), kWritable, &waiter));
  ASSERT_TRUE(RunUntil(**loop, [&] { return waiter.done; }));
  auto st = FinishConnect(fd->get());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().message, "connect: Connection refused");
  (*loop)->Unwatch(fd->get(), &waiter);
}

TEST(Tcp, BindingAPortInUseFailsWithTheAddress) {
  auto first = Listener::Bind(*SocketAddress::Parse("127.0.0.1:0"));
  ASSERT_TRUE(first);
  auto second = Listener::Bind(first->local_address());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().message,
            "cannot bind " + first->local_address().ToString() + ": Address already in use");
}

}  // namespace
}  // namespace gori::net
