#include "rules/suppression.h"

#include <cstdio>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRules;

constexpr char kAnnotated[] = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  namespace: pay
  annotations:
    gori.io/ignore.sec-run-as-root: "vendor image runs as root; SEC-142"
    gori.io/ignore.sup-latest-tag: "pinned by the release pipeline; until=2026-01-31"
spec:
  template:
    metadata:
      annotations:
        gori.io/ignore.sec-privileged.agent: "needs raw sockets; until=2030-12-31"
        gori.io/ignore.sec-host-network: ""
        gori.io/ignore.sec-privilegd: "typo"
        gori.io/ignore.sec-host-pid: "x; until=someday"
    spec:
      hostNetwork: true
      hostPID: true
      containers:
      - {name: app, image: "app:latest", securityContext: {privileged: true}}
      - {name: agent, image: "agent:1", securityContext: {privileged: true}}
)";

Config At(std::string today) {
  Config c;
  c.today = std::move(today);
  return c;
}

std::vector<std::string> Kept(const testing::Run& r) {
  std::vector<std::string> v;
  for (const auto& f : r.findings) {
    if (!f.suppressed)
      v.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
                  std::string(f.rule_id));
  }
  return v;
}

TEST(Suppression, ReasonRequiredContainerScopedAndExpiry) {
  auto r = RunRules({"sec-run-as-root", "sup-latest-tag", "sec-privileged", "sec-host-network",
                     "sec-host-pid", "meta-suppression-*"},
                    kAnnotated, At("2026-01-31"));
  EXPECT_THAT(Kept(r), ElementsAre("14:9 meta-suppression-invalid", "15:9 meta-suppression-invalid",
                                   "16:9 meta-suppression-invalid", "18:20 sec-host-network",
                                   "19:16 sec-host-pid", "21:72 sec-privileged"));
  std::vector<std::string> reasons;
  for (const auto& f : r.findings) {
    if (f.suppressed) reasons.push_back(std::string(f.rule_id) + " " + f.suppression_reason);
  }
  EXPECT_THAT(reasons,
              ElementsAre("sup-latest-tag gori.io/ignore.sup-latest-tag (until 2026-01-31): "
                          "pinned by the release pipeline",
                          "sec-run-as-root gori.io/ignore.sec-run-as-root: vendor image runs as "
                          "root; SEC-142",
                          "sec-run-as-root gori.io/ignore.sec-run-as-root: vendor image runs as "
                          "root; SEC-142",
                          "sec-privileged gori.io/ignore.sec-privileged.agent (until 2030-12-31): "
                          "needs raw sockets"));
  EXPECT_EQ(r[0].message,
            "annotation 'gori.io/ignore.sec-host-network' gives no reason and suppresses nothing");
  EXPECT_EQ(r[1].message,
            "annotation 'gori.io/ignore.sec-privilegd' names no known rule ('sec-privilegd') and "
            "suppresses nothing");
  EXPECT_EQ(r[2].message,
            "annotation 'gori.io/ignore.sec-host-pid' has a malformed date 'until=someday' (want "
            "YYYY-MM-DD) and suppresses nothing");
}

TEST(Suppression, ExpiredStopsSuppressingAndSaysSo) {
  auto r = RunRules({"sup-latest-tag", "meta-suppression-expired"}, kAnnotated, At("2026-02-01"));
  EXPECT_THAT(Kept(r), ElementsAre("8:36 meta-suppression-expired", "21:28 sup-latest-tag"));
  EXPECT_EQ(r[0].message,
            "suppression 'gori.io/ignore.sup-latest-tag' expired on 2026-01-31 (today is "
            "2026-02-01); its findings are reported again");
}

TEST(Suppression, TodayIsAnIsoDate) {
  std::string t = Today(Config{});
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(t[4], '-');
  EXPECT_EQ(Today(At("2030-05-06")), "2030-05-06");
}

}  // namespace
}  // namespace gori::rules
