#include "origin/kustomize.h"

#include <gtest/gtest.h>

#include "origin/locator.h"
#include "origin/process.h"

namespace gori::origin {
namespace {

TEST(KustomizeOrigin, ReadsPathRepoAndConfiguredIn) {
  auto o = ParseOriginAnnotation("path: ../base/deployment.yaml\n");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->path, "../base/deployment.yaml");
  o = ParseOriginAnnotation("path: examples/x.yaml\nrepo: https://example.com/repo\nref: v1\n");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->repo, "https://example.com/repo");
  o = ParseOriginAnnotation(
      "configuredIn: kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: "
      "ConfigMapGenerator\n");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->path, "");
  EXPECT_EQ(o->configured_in, "kustomization.yaml");
  o = ParseOriginAnnotation("path: \"quoted.yaml\"\n");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->path, "quoted.yaml");
  EXPECT_FALSE(ParseOriginAnnotation("configuredBy:\n  kind: X\n"));
  EXPECT_FALSE(ParseOriginAnnotation(""));
}

TEST(KustomizeOrigin, FindsTheKustomizationFile) {
  std::string dir = std::string(GORI_SOURCE_DIR) + "/tests/testdata/kustomize/overlay";
  EXPECT_EQ(FindKustomization(dir), dir + "/kustomization.yaml");
  EXPECT_EQ(FindKustomization(dir + "/"), dir + "/kustomization.yaml");
  EXPECT_EQ(FindKustomization(std::string(GORI_SOURCE_DIR) + "/tests"), "");
}

TEST(KustomizeOrigin, MissingKustomizationIsAnErrorNamingTheDirectory) {
  auto run = RunKustomize(std::string(GORI_SOURCE_DIR) + "/tests");
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().message, "no kustomization.yaml, kustomization.yml or Kustomization in " +
                                     std::string(GORI_SOURCE_DIR) + "/tests");
}

TEST(NormalizePath, ResolvesDotsLexically) {
  EXPECT_EQ(NormalizePath("a/overlay/../base/d.yaml"), "a/base/d.yaml");
  EXPECT_EQ(NormalizePath("./a//b/./c"), "a/b/c");
  EXPECT_EQ(NormalizePath("../x/../../y"), "../../y");
  EXPECT_EQ(NormalizePath("/a/../../b"), "/b");
  EXPECT_EQ(NormalizePath("a/.."), ".");
}

TEST(Process, CollectsOutputAndExitCode) {
  auto r = RunProcess({"sh", "-c", "echo out; echo err >&2; exit 3"}, 10'000);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
}

TEST(Process, MissingProgramAndTimeoutAreErrors) {
  auto r = RunProcess({"gori-no-such-program"}, 1000);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "gori-no-such-program not found in PATH");
  auto slow = RunProcess({"sleep", "5"}, 200);
  ASSERT_FALSE(slow);
  EXPECT_EQ(slow.error().message, "sleep did not finish within 0.2 s");
}

}  // namespace
}  // namespace gori::origin
