// src/rules/mapping_provider.h
//
// Where a rule's framework mappings come from. The rules module knows only each rule's own
// RuleInfo::mappings; the compliance catalogue (a module above this one) knows every framework
// and version. The program installs the catalogue's lookup once at start-up, before any
// thread runs; report writers and rule docs then ask MappingsOf() and get the catalogue's
// answer, or the rule's own list when no provider is installed (tests of lower modules).
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
