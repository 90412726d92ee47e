// src/rules/mapping_provider.h
//
// Where a rule's framework mappings come from. Rules carry none: the compliance module (a module
// above this one) holds the one table of rule -> control mappings for every framework and
// version. The program installs that table's lookup once at start-up, before any thread runs;
// report writers and rule docs then ask MappingsOf(). Without a provider (tests of lower
// modules) a rule maps to nothing.
#pragma once

#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace gori::rules {

using MappingProvider = std::vector<std::string_view> (*)(std::string_view rule_id);

void SetMappingProvider(MappingProvider provider);
// Control keys such as "CIS-1.12 5.2.2" or "PCI-DSS-4.0 2.2.4"; static storage.
std::vector<std::string_view> MappingsOf(const RuleInfo& info);

}  // namespace gori::rules
