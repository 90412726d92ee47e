#include "k8s/image.h"

#include <gtest/gtest.h>

namespace gori::k8s {
namespace {

TEST(Image, DockerHubIsNormalised) {
  auto r = ParseImage("nginx");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Name(), "docker.io/library/nginx");
  EXPECT_EQ(r->tag, "");
  EXPECT_FALSE(r->explicit_registry);
  EXPECT_EQ(ParseImage("bitnami/redis:7.2")->Name(), "docker.io/bitnami/redis");
  EXPECT_EQ(ParseImage("docker.io/nginx:1.25")->Name(), "docker.io/library/nginx");
}

TEST(Image, RegistryTagAndDigest) {
  auto r = ParseImage("registry.pay.example:5000/team/api:1.2.3@sha256:abcd");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->registry, "registry.pay.example:5000");
  EXPECT_EQ(r->repository, "team/api");
  EXPECT_EQ(r->tag, "1.2.3");
  EXPECT_EQ(r->digest, "sha256:abcd");
  auto l = ParseImage("localhost/app");
  EXPECT_EQ(l->registry, "localhost");
  auto d = ParseImage("ghcr.io/org/app@sha256:ff");
  EXPECT_EQ(d->tag, "");
  EXPECT_EQ(d->digest, "sha256:ff");
}

TEST(Image, Malformed) {
  EXPECT_FALSE(ParseImage(""));
  EXPECT_FALSE(ParseImage("nginx:"));
  EXPECT_FALSE(ParseImage("a b"));
  EXPECT_FALSE(ParseImage("app@nodigest"));
}

}  // namespace
}  // namespace gori::k8s
