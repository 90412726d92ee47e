#include "net/url.h"

#include <gtest/gtest.h>

namespace gori::net {
namespace {

TEST(Url, ParsesSchemesPortsAndPaths) {
  auto u = ParseUrl("http://127.0.0.1:8080/api?x=1");
  ASSERT_TRUE(u.has_value());
  EXPECT_FALSE(u->tls);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->path, "/api?x=1");
  EXPECT_EQ(u->HostHeader(), "127.0.0.1:8080");
  auto s = ParseUrl("https://[::1]");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->host, "::1");
  EXPECT_EQ(s->port, 443);
  EXPECT_EQ(s->path, "/");
  EXPECT_EQ(s->HostHeader(), "[::1]");
  EXPECT_EQ(ParseUrl("ftp://x").error().message,
            "invalid URL 'ftp://x': must start with http://, https://, h2c://, grpc:// or "
            "grpcs://");
  EXPECT_EQ(ParseUrl("http://x:0/").error().message,
            "invalid URL 'http://x:0/': port must be 1-65535");
  EXPECT_EQ(ParseUrl("http:///a").error().message, "invalid URL 'http:///a': no host");
}

}  // namespace
}  // namespace gori::net
