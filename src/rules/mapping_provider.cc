#include "rules/mapping_provider.h"

namespace gori::rules {
namespace {
MappingProvider g_provider = nullptr;
}  // namespace

void SetMappingProvider(MappingProvider provider) { g_provider = provider; }

std::vector<std::string_view> MappingsOf(const RuleInfo& info) {
  if (g_provider) return g_provider(info.id);
  return {};
}

}  // namespace gori::rules
