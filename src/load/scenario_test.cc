#include "load/scenario.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace gori::load {
namespace {

constexpr const char* kCheckout = R"(name: checkout
base_url: http://127.0.0.1:8080/api
defaults: {headers: {content-type: application/json}, timeout: 2s}
load: {model: open, stages: [{duration: 30s, target: 500}, {duration: 2m, target: 500}]}
data: {csv: users.csv}
steps:
  - name: ready
    request: {method: POST, path: /v1/payment/ready,
              body: '{"order_id":"{{uuid}}","amount":{{rand_int 1000 50000}},"user":"{{row.user}}"}'}
    check: {status: 200, json: {$.tid: exists}}
    extract: {tid: $.tid}
  - name: approve
    request: {method: POST, path: /v1/payment/approve, body: '{"tid":"{{tid}}"}'}
    check: {status: [200, 201]}
thresholds:
  - latency.p99 < 250ms
  - step.approve.latency.p95 < 150ms
  - error_rate < 0.1%
  - late == 0
)";

class ScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per process and test: ctest runs tests in parallel, other checkouts too.
    dir_ = std::filesystem::temp_directory_path() /
           ("gori-scenario-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "users.csv") << "user,card\nkim,4111\nlee,5500\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  Result<Scenario> Parse(const std::string& yaml) {
    return ParseScenario(yaml, "s.yaml", dir_.string());
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioTest, ReadsTheDesignExample) {
  auto s = Parse(kCheckout);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->name, "checkout");
  EXPECT_EQ(s->url.port, 8080);
  EXPECT_TRUE(s->load.open);
  ASSERT_EQ(s->load.stages.size(), 2u);
  EXPECT_EQ(s->load.stages[0].from_rps, 0);
  EXPECT_EQ(s->load.stages[0].to_rps, 500);
  EXPECT_EQ(s->load.stages[1].from_rps, 500);
  EXPECT_EQ(s->load.stages[1].duration_ns, 120'000'000'000);
  EXPECT_EQ(s->load.timeout_ns, 2'000'000'000);
  EXPECT_EQ(s->data.rows.size(), 2u);
  EXPECT_EQ(s->variables, std::vector<std::string>{"tid"});
  ASSERT_EQ(s->steps.size(), 2u);
  const Step& ready = s->steps[0];
  EXPECT_EQ(ready.statuses, std::vector<int>{200});
  ASSERT_EQ(ready.json_checks.size(), 1u);
  EXPECT_FALSE(ready.json_checks[0].equals.has_value());
  ASSERT_EQ(ready.extract.size(), 1u);
  EXPECT_EQ(ready.extract[0].second.pointer, "/tid");
  EXPECT_EQ(s->steps[1].statuses, (std::vector<int>{200, 201}));
  EXPECT_EQ(s->thresholds.size(), 4u);

  std::mt19937_64 rng(1);
  std::vector<std::string> row = {"kim", "4111"};
  std::vector<std::string> vars = {"T1"};
  CompiledRequest::Scratch scratch;
  const std::string approve(s->steps[1].request.Render({&rng, row, vars}, scratch));
  EXPECT_EQ(approve,
            "POST /api/v1/payment/approve HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
            "content-type: application/json\r\nContent-Length: 12\r\n\r\n{\"tid\":\"T1\"}");
}

TEST_F(ScenarioTest, ErrorsPointAtTheProblem) {
  auto expect_error = [&](const std::string& yaml, const std::string& want) {
    auto s = Parse(yaml);
    ASSERT_FALSE(s.has_value()) << yaml;
    EXPECT_EQ(s.error().ToString(), want);
  };
  const std::string head = "base_url: http://127.0.0.1:1\n";
  expect_error(head + "stepz: []\n",
               "s.yaml:2:1: unknown key 'stepz' in the scenario (allowed: name, base_url, "
               "defaults, load, data, steps, thresholds, abort_on_fail)");
  expect_error("steps: [{name: a, request: {path: /}}]\n",
               "s.yaml:1:1: the scenario needs base_url (e.g. http://127.0.0.1:8080)");
  expect_error(head + "steps: []\n", "s.yaml:2:8: the scenario needs steps: a non-empty list");
  expect_error(head +
                   "steps:\n  - name: a\n    request: {path: '/{{tid}}'}\n"
                   "  - name: b\n    request: {path: /}\n    extract: {tid: $.x}\n",
               "s.yaml:4:14: step 'a': path: '{{tid}}' is used before any earlier step "
               "extracts it");
  expect_error(head +
                   "steps:\n  - name: a\n    request: {path: /, body: '{{row.nope}}'}\n"
                   "data: {csv: users.csv}\n",
               "s.yaml:4:30: step 'a': body: '{{row.nope}}': the CSV data has no column 'nope'");
  expect_error(head + "load: {rate: 10, duration: 5}\nsteps: [{name: a, request: {path: /}}]\n",
               "s.yaml:2:28: load.duration: invalid duration '5': missing unit (use us, ms, s, m "
               "or h)");
  expect_error(head +
                   "steps: [{name: a, request: {path: /}}]\nthresholds: ['step.b.latency.p99 < "
                   "1s']\n",
               "s.yaml:3:14: threshold 'step.b.latency.p99 < 1s' names step 'b', which the "
               "scenario does not have");
  expect_error(head + "steps: [{name: a, request: {path: /}}]\nthresholds: ['latency.p99 < 1']\n",
               "s.yaml:3:14: invalid threshold 'latency.p99 < 1': a time needs a unit (us, ms, s)");
  expect_error(head + "steps: [{name: a, request: {path: /}}, {name: a, request: {path: /}}]\n",
               "s.yaml:2:47: step name 'a' is used twice");
  expect_error(head + "steps: [{name: a, request: {path: /}, check: {status: 999}}]\n",
               "s.yaml:2:55: check.status must be an HTTP status (100-599) or a list of them");
  expect_error(head + "data: {csv: missing.csv}\nsteps: [{name: a, request: {path: /}}]\n",
               "s.yaml:2:13: " + (dir_ / "missing.csv").string() +
                   ": cannot open: No such file or directory");
  expect_error(head + "load: {model: open}\nsteps: [{name: a, request: {path: /}}]\n",
               "s.yaml:2:15: load.model open needs load.rate or load.stages");
  expect_error("a: [\n",
               "s.yaml:2:1: while parsing a flow node did not find expected node content");
}

TEST_F(ScenarioTest, LoadSettingsAndQuickForm) {
  auto s = Parse(
      "base_url: http://h:1\nload: {rate: 50, duration: 3s, arrivals: poisson, connections: 4, "
      "max_connections: 9, threads: 2, iterations: 100, drop_late: true, warmup: 2s}\n"
      "steps: [{name: a, request: {path: /x}}]\n");
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_TRUE(s->load.open);
  EXPECT_EQ(s->load.arrivals, Arrivals::kPoisson);
  EXPECT_EQ(s->load.stages[0].from_rps, 50);
  EXPECT_EQ(s->load.duration_ns, 3'000'000'000);
  EXPECT_EQ(s->load.connections, 4);
  EXPECT_EQ(s->load.max_connections, 9);
  EXPECT_EQ(s->load.threads, 2);
  EXPECT_EQ(s->load.requests, 100);
  EXPECT_TRUE(s->load.drop_late);
  EXPECT_EQ(s->load.warmup_ns, 2'000'000'000);

  auto q = QuickScenario("http://127.0.0.1:9/p", "POST", {"X-A: 1", "Accept:  */* "}, "hi");
  ASSERT_TRUE(q.has_value());
  std::mt19937_64 rng(1);
  CompiledRequest::Scratch scratch;
  EXPECT_EQ(q->steps[0].request.Render({&rng, {}, {}}, scratch),
            "POST /p HTTP/1.1\r\nHost: 127.0.0.1:9\r\nX-A: 1\r\nAccept: */*\r\n"
            "Content-Length: 2\r\n\r\nhi");
  EXPECT_EQ(QuickScenario("http://h/", "GET", {"nocolon"}, "").error().message,
            "invalid header 'nocolon': expected 'Name: value'");
}

}  // namespace
}  // namespace gori::load
