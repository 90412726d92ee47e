// Test helpers for rules: parse YAML, run one rule (or a selection), look at the findings.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "k8s/test_util.h"
#include "rules/config.h"
#include "rules/engine.h"
#include "rules/suppression.h"

namespace gori::rules::testing {

struct Run {
  std::unique_ptr<k8s::testing::Parsed> parsed;
  std::vector<Finding> findings;

  std::size_t size() const { return findings.size(); }
  const Finding& operator[](std::size_t i) const { return findings[i]; }
  // "line:col rule-id" of each finding, for compact assertions.
  std::vector<std::string> Where() const {
    std::vector<std::string> v;
    for (const auto& f : findings) {
      v.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
                  std::string(f.rule_id));
    }
    return v;
  }
};

inline Run RunRules(std::vector<std::string> only, std::string yaml, Config config = {}) {
  Run r;
  r.parsed = k8s::testing::ParseYaml(std::move(yaml));
  config.only = std::move(only);
  Engine engine(config);
  engine.Run(r.parsed->objects, r.findings);
  // As guard/ does after the engine: rule tests see annotation suppressions too.
  ApplyAnnotationSuppressions(r.findings, Today(config));
  return r;
}

inline Run RunRule(std::string id, std::string yaml, Config config = {}) {
  return RunRules({std::move(id)}, std::move(yaml), std::move(config));
}

}  // namespace gori::rules::testing
