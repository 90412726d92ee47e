// src/compliance/mappings.h
//
// Which controls a rule's findings map to: gori's one mapping table, keyed by rule id (built-in
// and compliance rules alike; rules themselves carry no mappings). CIS entries are written once
// in the v1.10 numbering and expanded to each benchmark version: General Policies 5.7.x becomes
// 5.6.x in 1.11 and 1.12, and 1.12 drops 5.2.9 ("added capabilities") and renumbers 5.2.10-5.2.13
// to 5.2.9-5.2.12. Pod Security Standards rules (pss-<control>) map to the PSS control of the
// same name. A mapping says a finding of the rule is evidence about that control - never that
// the control is met. Static data; safe from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/catalog.h"

namespace gori::compliance {

struct RuleMappings {
  std::vector<ControlRef> controls;  // catalogue order, no duplicates
};

RuleMappings MappingsFor(std::string_view rule_id);
// The control keys of MappingsFor: the rules::MappingProvider the program installs, so `gori
// explain`, docs and SARIF tags show every framework and version.
std::vector<std::string_view> MappingKeysFor(std::string_view rule_id);

// Every rule id the mapping table names, sorted.
std::vector<std::string_view> MappedRuleIds();
// The table's control keys for one rule, expanded per CIS version (empty when not in the table).
std::vector<std::string> TableKeys(std::string_view rule_id);

// "CIS-1.12 5.2.11" for ("1.12", "5.2.12"): a v1.10 CIS id translated to a benchmark version;
// empty when that version has no such control.
std::string CisKey(std::string_view version, std::string_view id_v1_10);

}  // namespace gori::compliance
