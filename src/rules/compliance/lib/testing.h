// Test helpers for the compliance rules: run one rule, then the exemption pass, as `gori check`
// does.
#pragma once

#include <string>
#include <vector>

#include "rules/compliance/lib/exemptions.h"
#include "rules/test_util.h"

namespace gori::rules::testing {

struct CmpRun {
  Run run;
  ExemptionResult exemptions;

  // "line:col rule-id" of the findings that are not suppressed.
  std::vector<std::string> Kept() const {
    std::vector<std::string> v;
    for (const auto& f : run.findings) {
      if (!f.suppressed) {
        v.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
                    std::string(f.rule_id));
      }
    }
    return v;
  }
  std::vector<std::string> Messages() const {
    std::vector<std::string> v;
    for (const auto& f : run.findings) v.push_back(f.message);
    return v;
  }
};

inline CmpRun RunCmp(std::string id, std::string yaml, Config config = {}) {
  CmpRun r{RunRule(id, std::move(yaml), config), {}};
  Index index(r.run.parsed->objects);
  r.exemptions = ApplyExemptions(config, index, r.run.findings);
  return r;
}

}  // namespace gori::rules::testing
