#include "guard/config_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/registry.h"
#include "rules/test_util.h"

namespace gori::guard {
namespace {

using namespace rules;  // NOLINT: the test speaks of rules' types throughout

using ::testing::ElementsAre;

TEST(ConfigFile, ReadsEverySection) {
  Config c;
  auto st = ParseConfigFile(".gori.yaml", R"(rules:
  enable: [sec-low-uid, "res-*"]
  disable: [network]
  severity: {sec-host-port: high, rel-job-ttl: info}
parameters:
  min_replicas: 3
  allowed_registries: [registry.example, "ghcr.io/acme"]
  required_labels: [owner]
  system_namespaces: [kube-system, platform]
  secret_name_patterns: ["*PIN*"]
  kubernetes_version: 1.30
  complete_bundle: true
pod_templates:
- {apiVersion: example.com/v1, kind: Worker, path: spec.podTemplate}
ignore_paths: ["vendor/*"]
webhook:
  denyOn: critical
)",
                            c);
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_THAT(c.enable, ElementsAre("sec-low-uid", "res-*"));
  EXPECT_THAT(c.disable, ElementsAre("network"));
  EXPECT_EQ(c.severity_overrides.at("sec-host-port"), Severity::kHigh);
  EXPECT_EQ(c.severity_overrides.at("rel-job-ttl"), Severity::kInfo);
  EXPECT_EQ(c.min_replicas, 3);
  EXPECT_THAT(c.allowed_registries, ElementsAre("registry.example", "ghcr.io/acme"));
  EXPECT_THAT(c.required_labels, ElementsAre("owner"));
  EXPECT_THAT(c.system_namespaces, ElementsAre("kube-system", "platform"));
  EXPECT_THAT(c.secret_name_patterns, ElementsAre("*pin*"));
  EXPECT_EQ(c.kubernetes_version, "1.30");
  EXPECT_TRUE(c.complete_bundle);
  EXPECT_EQ(c.pod_templates.front().group, "example.com");
  EXPECT_EQ(c.pod_templates.front().kind, "Worker");
  EXPECT_THAT(c.pod_templates.front().path, ElementsAre("spec", "podTemplate"));
  EXPECT_THAT(c.ignore_paths, ElementsAre("vendor/*"));
  EXPECT_TRUE(c.IsIgnoredPath("deploy/vendor/x.yaml"));
  EXPECT_FALSE(c.IsIgnoredPath("deploy/app.yaml"));
}

TEST(ConfigFile, ComplianceSectionAndSchemaParameters) {
  Config c;
  auto st = ParseConfigFile(".gori.yaml", R"(parameters:
  strict_kinds: true
  crd_schemas: [crds/]
compliance:
  allowed_regions: [eu-west-1]
  data_class_label: acme/class
  require_mtls: true
  external_log_pipeline: true
  log_agent_images: [acme/shipper]
)",
                            c);
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_TRUE(c.strict_kinds);
  EXPECT_THAT(c.crd_schema_paths, ElementsAre("crds/"));
  EXPECT_THAT(c.compliance.allowed_regions, ElementsAre("eu-west-1"));
  EXPECT_EQ(c.compliance.data_class_label, "acme/class");
  EXPECT_TRUE(c.compliance.require_mtls);
  EXPECT_TRUE(c.compliance.external_log_pipeline);
  EXPECT_THAT(c.compliance.log_agent_images, ElementsAre("acme/shipper"));
  EXPECT_EQ(c.compliance.zone_label, "compliance/zone");  // untouched

  Config bad;
  st = ParseConfigFile(".gori.yaml", "compliance:\n  allowed_region: [x]\n", bad);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().ToString().substr(0, 62),
            ".gori.yaml:2:3: unknown key 'compliance.allowed_region' (want ");
  st = ParseConfigFile(".gori.yaml", "compliance:\n  require_mtls: yes please\n", bad);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().ToString(),
            ".gori.yaml:2:17: compliance.require_mtls must be true or false");
}

TEST(ConfigFile, AllowedRegionsUnderParametersIsTheComplianceList) {
  Config c;
  auto st = ParseConfigFile(".gori.yaml", "parameters:\n  allowed_regions: [eu-central-1]\n", c);
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_THAT(c.compliance.allowed_regions, ElementsAre("eu-central-1"));
  st = ParseConfigFile(".gori.yaml", "parameters:\n  allowed_regions: eu-central-1\n", c);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().ToString().substr(0, 16), ".gori.yaml:2:20:");
}

TEST(Config, CloudKeyNamesAreSecretNames) {
  Config c;
  for (const char* name : {"AZURE_STORAGE_KEY", "AZURE_CLIENT_KEY", "OCI_CLI_KEY_CONTENT",
                           "STORAGE_ACCOUNT_KEY", "DB_PASSWORD"}) {
    EXPECT_TRUE(c.IsSecretName(name)) << name;
  }
  for (const char* name : {"CACHE_KEY", "SORT_KEY", "KEY_FIELD", "LOG_LEVEL"}) {
    EXPECT_FALSE(c.IsSecretName(name)) << name;
  }
}

TEST(ConfigFile, ConfiguredPodTemplatesReachTheRules) {
  Config c;
  ASSERT_TRUE(ParseConfigFile("c", R"(pod_templates:
- {apiVersion: example.com/v1, kind: Worker, path: spec.podTemplate}
)",
                              c));
  auto p = k8s::testing::ParseYaml(R"(apiVersion: example.com/v1alpha2
kind: Worker
metadata: {name: w}
spec:
  podTemplate:
    spec:
      containers: [{name: w, securityContext: {privileged: true}}]
)");
  std::vector<k8s::Object> objects;
  for (const auto& d : p->file.documents) k8s::CollectObjects(d, c.pod_templates, objects);
  c.only = {"sec-privileged"};
  Engine engine(c);
  std::vector<Finding> findings;
  engine.Run(objects, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].path, "spec.podTemplate.spec.containers[0].securityContext.privileged");
}

TEST(ConfigFile, ErrorsHaveFileLineColumn) {
  struct Case {
    const char* yaml;
    const char* error;
  } cases[] = {
      {"rule:\n  enable: []\n",
       ".gori.yaml:1:1: unknown key 'rule' (want rules, parameters, compliance, pod_templates, "
       "ignore_paths, policies, webhook)"},
      {"rules:\n  enabled: [x]\n",
       ".gori.yaml:2:3: unknown key 'rules.enabled' (want enable, disable, severity)"},
      {"rules:\n  enable: [sec-privilegd]\n",
       ".gori.yaml:2:12: rules.enable: 'sec-privilegd' names no rule or family (see gori rules)"},
      {"rules:\n  disable: sec-privileged\n", ".gori.yaml:2:12: rules.disable must be a list"},
      {"rules:\n  severity: {sec-privileged: urgent}\n",
       ".gori.yaml:2:30: rules.severity.sec-privileged: unknown severity 'urgent' (want critical, "
       "high, medium, low or info)"},
      {"rules:\n  severity: {nope: high}\n",
       ".gori.yaml:2:14: rules.severity: no rule 'nope' (see gori rules)"},
      {"parameters:\n  min_replicas: two\n",
       ".gori.yaml:2:17: parameters.min_replicas must be a positive integer"},
      {"parameters:\n  min_replica: 2\n",
       ".gori.yaml:2:3: unknown key 'parameters.min_replica' (want min_replicas, "
       "allowed_registries, required_labels, required_annotations, allowed_priority_classes, "
       "system_namespaces, secret_name_patterns, kubernetes_version, complete_bundle, "
       "strict_kinds, crd_schemas, allowed_regions)"},
      {"parameters:\n  kubernetes_version: latest\n",
       ".gori.yaml:2:23: parameters.kubernetes_version must be a Kubernetes version such as "
       "\"1.31\""},
      {"parameters:\n  complete_bundle: \"yes\"\n",
       ".gori.yaml:2:20: parameters.complete_bundle must be true or false"},
      {"pod_templates:\n- {apiVersion: x/v1, kind: W}\n",
       ".gori.yaml:2:3: pod_templates entries need apiVersion, kind and path"},
      {"pod_templates:\n- {apiVersion: x/v1, kind: W, path: spec..t}\n",
       ".gori.yaml:2:3: pod_templates.path 'spec..t' is malformed"},
      {"pod_templates:\n- {group: x, kind: W, path: spec}\n",
       ".gori.yaml:2:4: unknown key 'pod_templates.group' (want apiVersion, kind, path)"},
      {"ignore_paths: [1]\n", ".gori.yaml:1:16: ignore_paths entries must be strings"},
      {"rules: {}\nrules: {}\n", ".gori.yaml:2:1: duplicate key 'rules' (first at line 1)"},
      {"- a\n", ".gori.yaml:1:1: the configuration must be a map"},
      {"rules: {}\n---\nrules: {}\n",
       ".gori.yaml:3:1: a configuration file holds one YAML document"},
      {"pod_templates:\n- {apiVersion: x/v1, kind: Y, path: spec}\n",
       ".gori.yaml:2:28: pod_templates.kind must be a non-empty string"},
      {"rules: [\n",
       ".gori.yaml:2:1: while parsing a flow node did not find expected node content"},
  };
  for (const Case& k : cases) {
    Config c;
    auto st = ParseConfigFile(".gori.yaml", k.yaml, c);
    ASSERT_FALSE(st) << k.yaml;
    EXPECT_EQ(st.error().ToString(), k.error) << k.yaml;
  }
}

TEST(ConfigFile, DefaultTextParsesAndChangesNothing) {
  std::string text = DefaultConfigText();
  Config c;
  auto st = ParseConfigFile("init.yaml", text, c);
  ASSERT_TRUE(st) << st.error().ToString() << "\n" << text;
  Config d;
  EXPECT_EQ(c.enable, d.enable);
  EXPECT_EQ(c.min_replicas, d.min_replicas);
  EXPECT_EQ(c.system_namespaces, d.system_namespaces);
  EXPECT_EQ(c.secret_name_patterns, d.secret_name_patterns);
  EXPECT_EQ(c.pod_templates.size(), d.pod_templates.size());
  // Every off-by-default rule is listed.
  for (const Rule* r : AllRules()) {
    if (!r->Info().enabled_by_default && r->Info().family != Family::kPss) {
      EXPECT_NE(text.find(std::string(r->Info().id)), std::string::npos) << r->Info().id;
    }
  }
}

TEST(ConfigFile, FindWalksUpAndLoadReadsTheFile) {
  namespace fs = std::filesystem;
  fs::path root = fs::path(::testing::TempDir()) / "gori_config_find";
  fs::remove_all(root);
  fs::create_directories(root / "a" / "b");
  EXPECT_EQ(FindConfigFile(root / "a" / "b").find(root.string()), std::string::npos);
  std::ofstream(root / ".gori.yaml") << "parameters: {min_replicas: 4}\n";
  std::string found = FindConfigFile(root / "a" / "b");
  EXPECT_EQ(found, (root / ".gori.yaml").string());
  Config c;
  ASSERT_TRUE(LoadConfigFile(found, c));
  EXPECT_EQ(c.min_replicas, 4);
  EXPECT_FALSE(LoadConfigFile((root / "missing.yaml").string(), c));
  fs::remove_all(root);
}

TEST(ConfigFile, PoliciesAreRelativeToTheConfigurationFile) {
  Config c;
  auto st = ParseConfigFile("team/.gori.yaml", "policies: [policies/, /etc/gori/vap.yaml]\n", c);
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_THAT(c.policies, ElementsAre("team/policies/", "/etc/gori/vap.yaml"));
}

}  // namespace
}  // namespace gori::guard
