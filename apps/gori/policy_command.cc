// gori policy test: flags, one policy::RunPolicyTests, the table; exit 0 all as expected,
// 1 any mismatch, 2 bad input.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "policy/test_file.h"

namespace gori::app {

void RegisterPolicy(CLI::App& app, CommandList& out) {
  CLI::App* policy = app.add_subcommand("policy", "Work with the team's own admission policies");
  policy->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  CLI::App* test = policy->add_subcommand(
      "test", "Run policy tests: expected pass/fail/skip per (policy, resource)");
  test->add_option("path", *path, "A test file, or a directory with *.test.yaml files")->required();
  test->footer(R"(Test file (YAML):
  policies: [../registry-allow-list.yaml]   # files or directories, relative to this file
  resources: [pods.yaml]                    # objects, Namespaces, params
  results:
  - {policy: registry-allow-list, resource: Pod/payments/api, result: pass}

Examples:
  gori policy test examples/policies/tests/
  gori policy test examples/policies/tests/registry.test.yaml

Exit codes: 0 every result as expected, 1 a mismatch, 2 bad test file, policy or resource.)");
  out.push_back({test, [path] {
                   policy::TestReport report = policy::RunPolicyTests(*path);
                   for (const Error& e : report.errors) {
                     std::fprintf(stderr, "gori policy test: %s\n", e.ToString().c_str());
                   }
                   std::string table = policy::FormatTestReport(report);
                   std::fwrite(table.data(), 1, table.size(), stdout);
                   if (!report.errors.empty()) return 2;
                   return report.Mismatches() > 0 ? 1 : 0;
                 }});
}

}  // namespace gori::app
