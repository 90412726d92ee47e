// The per-control summary: statuses, exemption counts, text and JSON.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compliance/summary.h"
#include "k8s/test_util.h"
#include "rules/engine.h"
#include "rules/index.h"

namespace gori::compliance {
namespace {

using ::testing::HasSubstr;

constexpr char kBundle[] = R"y(apiVersion: v1
kind: Namespace
metadata:
  name: pay
  labels: {compliance/data-class: cardholder, compliance/zone: internal, compliance/env: prod}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: pay
spec:
  replicas: 2
  template:
    metadata:
      annotations:
        compliance/exempt-sec-writable-root-fs: "writes its cache to /tmp only (SEC-9)"
    spec:
      containers:
      - name: api
        image: registry.example/pay/api:1.0
        securityContext: {privileged: true}
)y";

struct Result {
  std::unique_ptr<k8s::testing::Parsed> parsed;
  std::vector<rules::Finding> findings;
  rules::ExemptionResult exemptions;
  ProfileSummary summary;
};

Result RunProfile(std::string_view profile) {
  Result r;
  r.parsed = k8s::testing::ParseYaml(kBundle);
  rules::Config config;
  std::vector<std::string> names{std::string(profile)};
  EXPECT_TRUE(SelectProfiles(names, config));
  rules::Engine engine(config);
  engine.Run(r.parsed->objects, r.findings);
  rules::Index index(r.parsed->objects);
  r.exemptions = rules::ApplyExemptions(config, index, r.findings);
  r.summary = Summarize(*FindProfile(profile), engine.active(), r.findings, r.exemptions);
  return r;
}

const ControlResult& Control(const ProfileSummary& s, std::string_view key) {
  for (const auto& c : s.controls) {
    if (c.control.control->key == key) return c;
  }
  throw std::runtime_error("no control " + std::string(key));
}

TEST(Summary, StatusesForCis112) {
  auto r = RunProfile("cis-1.12");
  const auto& priv = Control(r.summary, "CIS-1.12 5.2.2");
  EXPECT_EQ(priv.status, ControlStatus::kFindings);
  EXPECT_EQ(priv.findings, 1u);
  EXPECT_THAT(priv.rules, ::testing::ElementsAre("sec-privileged"));
  const auto& pid = Control(r.summary, "CIS-1.12 5.2.3");
  EXPECT_EQ(pid.status, ControlStatus::kNoFindings);
  const auto& cni = Control(r.summary, "CIS-1.12 5.3.1");
  EXPECT_EQ(cni.status, ControlStatus::kNotCheckable);
  EXPECT_EQ(cni.reason, "a property of the cluster's network plugin, not of manifests");
  // The writable-root-fs finding is exempted: counted, not open.
  const auto& ctx = Control(r.summary, "CIS-1.12 5.6.3");
  EXPECT_EQ(ctx.exempted, 1u);
  EXPECT_EQ(r.summary.controls.size(), 34u);
}

TEST(Summary, EveryControlWithoutRunningRulesSaysWhy) {
  auto r = RunProfile("cis-1.12");
  for (const auto& c : r.summary.controls) {
    if (c.status == ControlStatus::kFindings || c.status == ControlStatus::kNoFindings) {
      EXPECT_FALSE(c.rules.empty()) << c.control.control->key;
    } else {
      EXPECT_FALSE(c.reason.empty()) << c.control.control->key;
    }
  }
}

TEST(Summary, TextNeverSaysPassedOrCompliant) {
  auto r = RunProfile("pci-dss-4.0");
  std::vector<ProfileSummary> all{r.summary};
  std::string text;
  WriteSummaryText(all, r.exemptions, text);
  EXPECT_THAT(text, HasSubstr("profile pci-dss-4.0: PCI DSS v4.0 - 20 controls\n"));
  EXPECT_THAT(text, HasSubstr("controls not checkable here"));
  EXPECT_THAT(text, HasSubstr("sec-writable-root-fs exempted by "
                              "compliance/exempt-sec-writable-root-fs on pod template api: "
                              "writes its cache to /tmp only (SEC-9)"));
  EXPECT_EQ(text.find("passed"), std::string::npos);
  EXPECT_EQ(text.find("compliant"), std::string::npos);
}

TEST(Summary, JsonCountsAndExemptions) {
  auto r = RunProfile("kr-fin");
  std::vector<ProfileSummary> all{r.summary};
  std::string out;
  json::Writer w(out, 0);
  WriteSummaryJson(all, r.exemptions, w);
  EXPECT_THAT(out, HasSubstr("\"name\":\"kr-fin\""));
  EXPECT_THAT(out, HasSubstr("\"control\":\"KR-EFSR 제14조의2제8항\""));
  EXPECT_THAT(out, HasSubstr("\"status\":\"not checkable here\""));
  EXPECT_THAT(out, HasSubstr("\"exemptions\":[]"));  // no kr-fin rule was exempted
  auto pci = RunProfile("pci-dss-4.0");
  std::vector<ProfileSummary> pci_all{pci.summary};
  out.clear();
  json::Writer w2(out, 0);
  WriteSummaryJson(pci_all, pci.exemptions, w2);
  EXPECT_THAT(out, HasSubstr("\"annotation\":\"compliance/exempt-sec-writable-root-fs\","
                             "\"scope\":\"pod template\""));
  EXPECT_THAT(out, HasSubstr("\"justification\":\"writes its cache to /tmp only (SEC-9)\""));
}

}  // namespace
}  // namespace gori::compliance
