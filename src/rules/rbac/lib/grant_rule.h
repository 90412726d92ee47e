// The shape shared by the rbac rules that look for one kind of permission: for each policy
// rule of a Role/ClusterRole, a predicate says which resource item grants it and with which
// verb; the rule reports one finding per granting resource item.
#pragma once

#include <functional>
#include <string>

#include <fmt/format.h>

#include "rules/rbac/lib/policy_rules.h"
#include "rules/rule.h"

namespace gori::rules {

struct Grant {
  const doc::Node* resource = nullptr;  // the resources item
  const doc::Node* verb = nullptr;      // the verbs item
};

// Calls `find(rule, emit)` for every policy rule of `o` (when it is a role); `emit(grant)`
// reports "<Role 'x'> grants <verb> on <resource>" plus `what`.
inline void ReportGrants(
    const Rule& rule, const k8s::Object& o, Sink& out,
    const std::function<void(const PolicyRule&,
                             const std::function<void(const Grant&, std::string_view)>&)>& find) {
  if (!IsRole(o)) return;
  for (const PolicyRule& r : PolicyRules(o)) {
    find(r, [&](const Grant& g, std::string_view what) {
      out.Reportf(rule, o, GrantAnchor(r, g.resource), ItemPath(r, "resources", g.resource),
                  "{} grants '{}' on {}{}", RoleName(o), g.verb ? g.verb->text() : "",
                  g.resource ? g.resource->text() : "", what);
    });
  }
}

}  // namespace gori::rules
