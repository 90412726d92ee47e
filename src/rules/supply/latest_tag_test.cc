#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;

TEST(SupLatestTag, NoTagLatestAndPinned) {
  auto r = testing::RunRule("sup-latest-tag", R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - {name: a, image: nginx}
  - {name: b, image: "registry.example:5000/x:latest"}
  - {name: c, image: nginx:1.25}
  - {name: d, image: "nginx:latest@sha256:0123"}
  - {name: e, image: "registry.example:5000/x"}
)");
  EXPECT_THAT(r.Where(),
              ElementsAre("5:22 sup-latest-tag", "6:22 sup-latest-tag", "9:22 sup-latest-tag"));
  EXPECT_EQ(r[0].message, "container 'a' image 'nginx' has no tag (means :latest)");
  EXPECT_EQ(r[1].message,
            "container 'b' image 'registry.example:5000/x:latest' uses the :latest tag");
}

}  // namespace
}  // namespace gori::rules
