// Tests for sup-digest, sup-registry, sup-pull-policy and sup-git-repo-volume.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;
using testing::RunRules;

constexpr char kPod[] = R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - {name: hub, image: nginx:1.27}
  - {name: mirror, image: registry.example/mirror/nginx:1.27}
  - {name: pinned, image: "ghcr.io/acme-pay/api:2.0@sha256:4b6c1a0f8f1e2d9c3b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b"}
  - {name: stable, image: "registry.example/api:stable"}
  - {name: cached, image: "registry.example/api:latest", imagePullPolicy: IfNotPresent}
  - {name: fresh, image: "registry.example/api:nightly", imagePullPolicy: Always}
  - {name: bare, image: "registry.example/api"}
  volumes:
  - name: site
    gitRepo: {repository: "https://git.example/site.git"}
)";

TEST(SupDigest, OptInAndDigestsPass) {
  EXPECT_THAT(RunRules({"sup-dig*"}, kPod).Where(), IsEmpty());
  Config c;
  c.enable = {"sup-digest"};
  EXPECT_EQ(RunRules({"sup-dig*"}, kPod, c).size(), 6u);
}

TEST(SupRegistry, SilentUntilConfiguredThenNormalised) {
  EXPECT_THAT(RunRule("sup-registry", kPod).Where(), IsEmpty());
  Config c;
  c.allowed_registries = {"registry.example", "ghcr.io/acme-*"};
  auto r = RunRule("sup-registry", kPod, c);
  EXPECT_THAT(r.Where(), ElementsAre("5:24 sup-registry"));
  EXPECT_EQ(r[0].message,
            "container 'hub' image 'nginx:1.27' comes from docker.io (docker.io/library/nginx), "
            "which is not an allowed registry");
  c.allowed_registries = {"docker.io/library", "registry.example/mirror", "ghcr.io"};
  EXPECT_THAT(RunRule("sup-registry", kPod, c).Where(),
              ElementsAre("8:27 sup-registry", "9:27 sup-registry", "10:26 sup-registry",
                          "11:25 sup-registry"));
}

TEST(SupPullPolicy, FloatingTagsCachedOnNodes) {
  auto r = RunRule("sup-pull-policy", kPod);
  EXPECT_THAT(r.Where(), ElementsAre("8:27 sup-pull-policy", "9:75 sup-pull-policy"));
  EXPECT_EQ(r[0].message,
            "container 'stable' image 'registry.example/api:stable' uses a floating tag and "
            "defaults to imagePullPolicy IfNotPresent");
  EXPECT_EQ(r[1].message,
            "container 'cached' image 'registry.example/api:latest' uses a floating tag with "
            "imagePullPolicy IfNotPresent");
}

TEST(SupGitRepoVolume, Reported) {
  auto r = RunRule("sup-git-repo-volume", kPod);
  EXPECT_THAT(r.Where(), ElementsAre("14:5 sup-git-repo-volume"));
  EXPECT_EQ(r[0].message, "volume 'site' is a gitRepo volume of 'https://git.example/site.git'");
}

}  // namespace
}  // namespace gori::rules
