#include "webhook/config.h"

#include <gtest/gtest.h>

#include "guard/config_file.h"

namespace gori::webhook {
namespace {

TEST(WebhookConfig, ReadsDenyOnAndExemptions) {
  ReviewPolicy p;
  auto st = ParseWebhookConfig("gori.yaml", R"(rules:
  disable: [sec-host-path]
webhook:
  denyOn: critical
  exempt:
    namespaces: [kube-system, gori-system]
    users: ["system:serviceaccount:ops:deployer"]
    groups: ["system:masters"]
)",
                               p);
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_EQ(p.deny_on, Severity::kCritical);
  EXPECT_EQ(p.exempt_namespaces, (std::vector<std::string>{"kube-system", "gori-system"}));
  EXPECT_EQ(p.exempt_users, (std::vector<std::string>{"system:serviceaccount:ops:deployer"}));
  EXPECT_EQ(p.exempt_groups, (std::vector<std::string>{"system:masters"}));
}

// `gori config init` writes the webhook section too, stating the defaults.
TEST(WebhookConfig, TheDefaultConfigFileHasTheWebhookSectionWithTheDefaults) {
  const std::string text = guard::DefaultConfigText();
  ASSERT_NE(text.find("\nwebhook:\n  # "), std::string::npos);
  ReviewPolicy p;
  p.deny_on = Severity::kCritical;
  auto st = ParseWebhookConfig(".gori.yaml", text, p);
  ASSERT_TRUE(st) << st.error().ToString();
  const ReviewPolicy defaults;
  EXPECT_EQ(p.deny_on, defaults.deny_on);
  EXPECT_EQ(p.exempt_users, defaults.exempt_users);
  EXPECT_TRUE(p.exempt_namespaces.empty() && p.exempt_groups.empty());
}

TEST(WebhookConfig, ErrorsHaveFileLineColumn) {
  struct Case {
    const char* yaml;
    const char* error;
  } cases[] = {
      {"webhook:\n  denyOn: severe\n",
       "gori.yaml:2:11: webhook.denyOn: unknown severity 'severe' (want critical, high, medium, "
       "low or info)"},
      {"webhook:\n  deny: high\n", "gori.yaml:2:3: unknown key webhook.deny (want denyOn, exempt)"},
      {"webhook:\n  exempt:\n    namespace: [a]\n",
       "gori.yaml:3:5: unknown key webhook.exempt.namespace (want namespaces, users, groups)"},
      {"webhook:\n  exempt:\n    users: alice\n",
       "gori.yaml:3:12: webhook.exempt.users must be a list"},
      {"webhook:\n  exempt:\n    groups: [1]\n",
       "gori.yaml:3:14: webhook.exempt.groups entries must be strings"},
  };
  for (const Case& c : cases) {
    ReviewPolicy p;
    auto st = ParseWebhookConfig("gori.yaml", c.yaml, p);
    ASSERT_FALSE(st) << c.yaml;
    EXPECT_EQ(st.error().ToString(), c.error);
  }
}

TEST(WebhookConfig, MissingFileNamesThePath) {
  ReviewPolicy p;
  auto st = LoadWebhookConfig("/nonexistent/gori.yaml", p);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().ToString().find("/nonexistent/gori.yaml"), std::string::npos);
}

}  // namespace
}  // namespace gori::webhook
