// Reading RBAC objects for the rbac-* rules: the policy rules of a Role or ClusterRole and
// what a rule grants. Resources named explicitly are what the per-permission rules look at;
// `*` in resources is rbac-wildcard's finding and is not repeated by every other rule.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.h"

namespace gori::rules {

// Role or ClusterRole of rbac.authorization.k8s.io.
bool IsRole(const k8s::Object& o);
// RoleBinding or ClusterRoleBinding of rbac.authorization.k8s.io.
bool IsBinding(const k8s::Object& o);

struct PolicyRule {
  const doc::Node* node = nullptr;  // the rules[] entry
  std::string path;                 // "rules[2]"
  const doc::Node* verbs = nullptr;
  const doc::Node* groups = nullptr;
  const doc::Node* resources = nullptr;
  const doc::Node* resource_names = nullptr;

  // The verbs item equal to `verb` or "*", or null.
  const doc::Node* Verb(std::string_view verb) const;
  // The first of `verbs` granted, or null.
  const doc::Node* AnyVerb(std::initializer_list<std::string_view> verbs) const;
  // Whether apiGroups holds `group` or "*".
  bool Group(std::string_view group) const;
  // The resources item that names `resource` explicitly ("pods/exec", or "pods/*" for a
  // subresource), or null. "*" does not count (see above).
  const doc::Node* Resource(std::string_view resource) const;
  bool HasResourceNames() const { return resource_names && resource_names->size() > 0; }
};

std::vector<PolicyRule> PolicyRules(const k8s::Object& role);

// "rules[2].resources[1]" for an item of one of the rule's lists, "rules[2]" for null.
std::string ItemPath(const PolicyRule& r, std::string_view field, const doc::Node* item);
// "Role 'reader'" / "ClusterRole 'ops'".
std::string RoleName(const k8s::Object& role);

// A finding's anchor for a grant: the resource item when there is one, else the rule.
inline const doc::Node* GrantAnchor(const PolicyRule& r, const doc::Node* resource) {
  return resource ? resource : r.node;
}

}  // namespace gori::rules
