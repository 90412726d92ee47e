#include "rules/rbac/lib/policy_rules.h"

#include <fmt/format.h>

namespace gori::rules {

bool IsRole(const k8s::Object& o) {
  return (o.kind() == "Role" || o.kind() == "ClusterRole") &&
         o.group() == "rbac.authorization.k8s.io";
}

bool IsBinding(const k8s::Object& o) {
  return (o.kind() == "RoleBinding" || o.kind() == "ClusterRoleBinding") &&
         o.group() == "rbac.authorization.k8s.io";
}

const doc::Node* PolicyRule::Verb(std::string_view verb) const {
  if (!verbs) return nullptr;
  for (const doc::Node* v : verbs->items()) {
    if (v->text() == verb || v->text() == "*") return v;
  }
  return nullptr;
}

const doc::Node* PolicyRule::AnyVerb(std::initializer_list<std::string_view> list) const {
  for (std::string_view v : list) {
    if (const doc::Node* n = Verb(v)) return n;
  }
  return nullptr;
}

bool PolicyRule::Group(std::string_view group) const {
  if (!groups) return false;
  for (const doc::Node* g : groups->items()) {
    if (g->text() == group || g->text() == "*") return true;
  }
  return false;
}

const doc::Node* PolicyRule::Resource(std::string_view resource) const {
  if (!resources) return nullptr;
  auto slash = resource.find('/');
  for (const doc::Node* r : resources->items()) {
    std::string_view t = r->text();
    if (t == resource) return r;
    if (slash != std::string_view::npos && t.size() == slash + 2 && t.ends_with("/*") &&
        t.substr(0, slash) == resource.substr(0, slash)) {
      return r;
    }
  }
  return nullptr;
}

std::string ItemPath(const PolicyRule& r, std::string_view field, const doc::Node* item) {
  if (!item) return r.path;
  const doc::Node* list = r.node->Get(field);
  uint32_t i = 0;
  for (const doc::Node* n : list ? list->items() : std::span<const doc::Node* const>()) {
    if (n == item) return fmt::format("{}.{}[{}]", r.path, field, i);
    ++i;
  }
  return r.path;
}

std::string RoleName(const k8s::Object& role) {
  return fmt::format("{} '{}'", role.kind(), role.name());
}

std::vector<PolicyRule> PolicyRules(const k8s::Object& role) {
  std::vector<PolicyRule> out;
  const doc::Node* rules = role.root()->Get("rules");
  if (!rules) return out;
  uint32_t i = 0;
  for (const doc::Node* r : rules->items()) {
    if (r->IsMap()) {
      out.push_back({r, fmt::format("rules[{}]", i), r->Get("verbs"), r->Get("apiGroups"),
                     r->Get("resources"), r->Get("resourceNames")});
    }
    ++i;
  }
  return out;
}

}  // namespace gori::rules
