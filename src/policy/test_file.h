// src/policy/test_file.h
//
// `gori policy test`: unit tests for a team's own ValidatingAdmissionPolicies. A test file
// (YAML; in a directory, every *.test.yaml / *.test.yml below it) names policy files, resource
// files and the verdict expected per (policy, resource):
//
//   policies: [../registry-allow-list.yaml]   # files or directories, relative to this file
//   resources: [pods.yaml]                    # objects, Namespaces and params, same
//   results:
//   - {policy: registry-allow-list, resource: Pod/payments/api, result: pass}
//   - {policy: registry-allow-list, resource: Pod/payments/debug, result: fail}
//
// A resource is Kind/namespace/name, or Kind/name for cluster-scoped objects. Every resource
// is evaluated as a CREATE the way gori check does, through every binding of the policy (a
// policy without a binding gets one with validationActions [Deny]); the verdict is fail when a
// binding denies, pass when one evaluated and none denied, skip when none applied. The table
// lists under a row the auditAnnotations the policy published for the resource. Mistakes in
// test files and policies are positioned errors.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace gori::policy {

struct TestRow {
  std::string file;  // the test file
  std::string policy, resource;
  std::string expected, got;          // pass / fail / skip ("" when the resource was not found)
  std::vector<std::string> messages;  // why it failed (got fail)
  // auditAnnotations the policy published for the resource (`<policy>/<key>`, value).
  std::vector<std::pair<std::string, std::string>> audit_annotations;
  bool ok() const { return expected == got; }
};

struct TestReport {
  std::vector<TestRow> rows;
  std::vector<Error> errors;  // bad test files, policies or resources
  std::size_t Mismatches() const;
};

// Runs the test file `path`, or every test file below the directory `path`.
TestReport RunPolicyTests(const std::string& path);

// The table `gori policy test` prints.
std::string FormatTestReport(const TestReport& report);

}  // namespace gori::policy
