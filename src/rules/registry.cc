#include "rules/registry.h"

#include <algorithm>

#include "base/check.h"

namespace gori::rules {

// Generated (all_rules.cc in the build dir): one factory call per rule file.
std::vector<std::unique_ptr<Rule>> MakeAllRules();

std::span<const Rule* const> AllRules() {
  static const std::vector<std::unique_ptr<Rule>> owned = MakeAllRules();
  static const std::vector<const Rule*> sorted = [] {
    std::vector<const Rule*> v;
    for (const auto& r : owned) v.push_back(r.get());
    std::sort(v.begin(), v.end(),
              [](const Rule* a, const Rule* b) { return a->Info().id < b->Info().id; });
    for (std::size_t i = 1; i < v.size(); ++i) GORI_CHECK(v[i - 1]->Info().id != v[i]->Info().id);
    return v;
  }();
  return sorted;
}

const Rule* FindRule(std::string_view id) {
  std::span<const Rule* const> all = AllRules();  // sorted by id
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const Rule* r, std::string_view k) { return r->Info().id < k; });
  return it != all.end() && (*it)->Info().id == id ? *it : nullptr;
}

bool GlobMatch(std::string_view p, std::string_view t) {
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace gori::rules
