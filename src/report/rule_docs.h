// src/report/rule_docs.h
//
// Rule documentation rendered from RuleInfo, the single source: the `gori rules` listing
// (text or JSON), `gori explain RULE`, and docs/rules.md (Markdown, checked in and kept
// current by tests/integration/rules_doc_test.sh). Pure functions over the registry.
#pragma once

#include <string>
#include <string_view>

#include "rules/config.h"
#include "rules/rule.h"

namespace gori::report {

// One line per rule: id, family, severity, on/off under `config`, summary.
std::string RulesText(const rules::Config& config);
// {"rules": [{id, family, severity, enabled, enabled_by_default, cross_resource, summary,
// rationale, remediation, mappings, failing_example, passing_example}]}
std::string RulesJson(const rules::Config& config);
// docs/rules.md: defaults only (never a local configuration), so the file is reproducible.
std::string RulesMarkdown();
// Everything about one rule, for a terminal.
std::string ExplainText(const rules::Rule& rule, const rules::Config& config);
// The ids closest to a misspelt one ("sec-privilegd" -> "sec-privileged"), best first.
std::vector<std::string_view> SimilarRuleIds(std::string_view id);

}  // namespace gori::report
