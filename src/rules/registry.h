// src/rules/registry.h
//
// Every built-in rule, sorted by id. The list is generated at build time from the files
// src/rules/<family>/*.cc (except *_test.cc; helpers live in lib/ folders), each of which
// registers one rule with GORI_REGISTER_RULE under its family-qualified file name. Rule ids are
// unique (checked when the registry is first built).
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace gori::rules {

std::span<const Rule* const> AllRules();
const Rule* FindRule(std::string_view id);

// Shell-style glob on rule ids: '*' any run, '?' one character.
bool GlobMatch(std::string_view pattern, std::string_view text);

}  // namespace gori::rules
