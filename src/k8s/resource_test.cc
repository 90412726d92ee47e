#include "k8s/resource.h"

#include <gtest/gtest.h>

namespace gori::k8s {
namespace {

TEST(Resource, BuiltinKindsHaveTheirResourceAndScope) {
  auto d = ResourceFor("apps/v1", "Deployment");
  EXPECT_EQ(d.group, "apps");
  EXPECT_EQ(d.version, "v1");
  EXPECT_EQ(d.resource, "deployments");
  EXPECT_TRUE(d.namespaced);
  EXPECT_TRUE(d.known);
  auto ns = ResourceFor("v1", "Namespace");
  EXPECT_EQ(ns.group, "");
  EXPECT_EQ(ns.resource, "namespaces");
  EXPECT_FALSE(ns.namespaced);
}

TEST(Resource, OlderApiVersionsAreTheSameResource) {
  auto c = ResourceFor("batch/v1beta1", "CronJob");
  EXPECT_EQ(c.resource, "cronjobs");
  EXPECT_EQ(c.version, "v1beta1");
  ASSERT_FALSE(c.equivalents.empty());
  EXPECT_EQ(c.equivalents[0].version, "v1");
  auto d = ResourceFor("extensions/v1beta1", "Deployment");
  EXPECT_EQ(d.resource, "deployments");
  EXPECT_EQ(d.group, "extensions");
}

TEST(Resource, UnknownKindsGetKubectlsPluralGuess) {
  EXPECT_EQ(GuessPlural("Rollout"), "rollouts");
  EXPECT_EQ(GuessPlural("Policy"), "policies");
  EXPECT_EQ(GuessPlural("Gateway"), "gatewaies");  // kubectl's guess, not English
  EXPECT_EQ(GuessPlural("Ingress"), "ingresses");
  auto r = ResourceFor("argoproj.io/v1alpha1", "Rollout");
  EXPECT_FALSE(r.known);
  EXPECT_EQ(r.resource, "rollouts");
  EXPECT_TRUE(r.namespaced);
  EXPECT_FALSE(ResourceFor("example.com/v1", "ClusterThing").namespaced);
  // A CRD that reuses a built-in kind name in its own group is not the built-in.
  EXPECT_FALSE(ResourceFor("serving.knative.dev/v1", "Service").known);
}

}  // namespace
}  // namespace gori::k8s
