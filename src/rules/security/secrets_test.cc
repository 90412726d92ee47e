// Tests for sec-literal-secret-env, sec-sensitive-configmap and sec-secret-in-env, and for the
// credential patterns behind them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/security/lib/credentials.h"
#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::RunRule;

TEST(SecretUtil, HighConfidencePatterns) {
  EXPECT_EQ(CredentialPattern("AKIAIOSFODNN7EXAMPLE"), "an AWS access key ID");
  EXPECT_EQ(CredentialPattern("xAKIAIOSFODNN7EXAMPLE"), "");
  EXPECT_EQ(CredentialPattern("AKIAIOSFODNN7EXAMPLEX"), "");
  EXPECT_EQ(CredentialPattern("-----BEGIN RSA PRIVATE KEY-----\nMIIE"), "a private key");
  EXPECT_EQ(CredentialPattern("-----BEGIN CERTIFICATE-----\nMIIE"), "");
  EXPECT_EQ(CredentialPattern("ghp_0123456789abcdefghijABCDEFGHIJ012345"), "a GitHub token");
  EXPECT_EQ(CredentialPattern("glpat-0123456789abcdefghij"), "a GitLab token");
  EXPECT_EQ(CredentialPattern("sk_live_0123456789abcdefghijklmn"), "a Stripe live key");
  EXPECT_EQ(CredentialPattern("sk_test_0123456789abcdefghijklmn"), "");
  EXPECT_EQ(CredentialPattern("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N"),
            "a JSON Web Token");
  EXPECT_EQ(CredentialPattern("postgres://app:s3cr3t@db:5432/pay"), "a URL with a password");
  EXPECT_EQ(CredentialPattern("postgres://app:$(DB_PASSWORD)@db:5432/pay"), "");
  EXPECT_EQ(CredentialPattern("postgres://app@db:5432/pay"), "");
  EXPECT_EQ(CredentialPattern("http://example.com/a:b@c"), "");
}

TEST(SecretUtil, SettingsReferencesAndRedaction) {
  EXPECT_TRUE(IsSettingName("TOKEN_TTL"));
  EXPECT_TRUE(IsSettingName("db-password-file"));
  EXPECT_FALSE(IsSettingName("DB_PASSWORD"));
  EXPECT_FALSE(LooksLikeLiteralSecret("$(DB_PASSWORD)"));
  EXPECT_FALSE(LooksLikeLiteralSecret("/var/run/secrets/db"));
  EXPECT_FALSE(LooksLikeLiteralSecret("3600"));
  EXPECT_FALSE(LooksLikeLiteralSecret("15m"));
  EXPECT_FALSE(LooksLikeLiteralSecret("********"));
  EXPECT_FALSE(LooksLikeLiteralSecret("true"));
  EXPECT_TRUE(LooksLikeLiteralSecret("hunter2-prod"));
  for (const char* placeholder : {"changeme", "CHANGE_ME", "replace-me", "your-api-key-here",
                                  "YOUR_TOKEN", "example", "placeholder", "<password>"}) {
    EXPECT_FALSE(LooksLikeLiteralSecret(placeholder)) << placeholder;
  }
  EXPECT_TRUE(LooksLikeLiteralSecret("changeme-2024-x9Q"));
  EXPECT_EQ(Redacted("hunter2"), "redacted, 7 characters");
}

constexpr char kEnv[] = R"y(kind: Deployment
apiVersion: apps/v1
metadata: {name: api}
spec:
  template:
    spec:
      containers:
      - name: api
        env:
        - {name: DB_PASSWORD, value: hunter2-prod}
        - {name: TOKEN_TTL, value: "3600"}
        - {name: API_TOKEN, value: "$(VAULT_TOKEN)"}
        - {name: CALLBACK, value: "https://u:pa55word@hooks.example.com/x"}
        - {name: AWS_KEY, value: AKIAIOSFODNN7EXAMPLE}
        - name: DB_PASS_FROM_SECRET
          valueFrom: {secretKeyRef: {name: db, key: password}}
        envFrom:
        - secretRef: {name: api-env}
        - configMapRef: {name: api-config}
)y";

TEST(SecLiteralSecretEnv, ByNameAndByValueAlwaysRedacted) {
  auto r = RunRule("sec-literal-secret-env", kEnv);
  EXPECT_THAT(r.Where(), ElementsAre("10:38 sec-literal-secret-env", "13:35 sec-literal-secret-env",
                                     "14:34 sec-literal-secret-env"));
  EXPECT_EQ(r[0].message,
            "container 'api' env 'DB_PASSWORD' is named like a credential and holds a literal "
            "value (redacted, 12 characters)");
  EXPECT_EQ(r[1].message,
            "container 'api' env 'CALLBACK' holds a URL with a password in plain text (redacted, "
            "38 characters)");
  EXPECT_EQ(r[2].path, "spec.template.spec.containers[0].env[4].value");
  for (const auto& f : r.findings) {
    EXPECT_THAT(f.message, Not(HasSubstr("hunter2")));
    EXPECT_THAT(f.message, Not(HasSubstr("pa55word")));
    EXPECT_THAT(f.message, Not(HasSubstr("AKIA")));
  }
}

TEST(SecLiteralSecretEnv, ConfiguredNamePatterns) {
  Config c;
  c.secret_name_patterns = {"*pin*"};
  auto r = RunRule("sec-literal-secret-env", R"(kind: Pod
apiVersion: v1
spec:
  containers: [{name: a, env: [{name: CARD_PIN, value: "9x81"}, {name: DB_PASSWORD, value: x1y2z3}]}]
)",
                   c);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_THAT(r[0].message, HasSubstr("'CARD_PIN'"));
}

TEST(SecSecretInEnv, SecretKeyRefAndEnvFrom) {
  auto r = RunRule("sec-secret-in-env", kEnv);
  EXPECT_THAT(r.Where(), ElementsAre("16:23 sec-secret-in-env", "18:11 sec-secret-in-env"));
  EXPECT_EQ(r[0].message,
            "container 'api' reads Secret 'db' key 'password' into env 'DB_PASS_FROM_SECRET'");
  EXPECT_EQ(r[1].path, "spec.template.spec.containers[0].envFrom[0].secretRef");
}

TEST(SecSensitiveConfigmap, KeysValuesAndEmbeddedFiles) {
  auto r = RunRule("sec-sensitive-configmap", R"(kind: ConfigMap
apiVersion: v1
metadata: {name: app}
data:
  DB_HOST: db.pay.svc
  DB_PASSWORD: hunter2-prod
  SESSION_TOKEN_TTL: 15m
  application.properties: |
    spring.datasource.url=jdbc:postgresql://db/pay
    spring.datasource.password=s3cr3t-value
    spring.datasource.password-file=/etc/db/password
    # password=commented-out
  oidc.yaml: |
    clientSecret: $oidc.keycloak.clientSecret
  key.pem: |
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
    -----END PRIVATE KEY-----
)");
  EXPECT_THAT(r.Where(), ElementsAre("6:16 sec-sensitive-configmap", "8:27 sec-sensitive-configmap",
                                     "15:12 sec-sensitive-configmap"));
  EXPECT_EQ(r[1].message,
            "ConfigMap 'app' key 'application.properties' line 2 sets "
            "'spring.datasource.password' to a literal value (redacted, 12 characters)");
  EXPECT_EQ(r[2].message,
            "ConfigMap 'app' key 'key.pem' line 1 holds a private key (redacted, 87 characters)");
  EXPECT_THAT(RunRule("sec-sensitive-configmap", R"(kind: Secret
apiVersion: v1
stringData: {DB_PASSWORD: hunter2-prod}
)")
                  .Where(),
              IsEmpty());
}

}  // namespace
}  // namespace gori::rules
