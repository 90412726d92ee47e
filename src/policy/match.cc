// Which objects a policy or binding applies to, as the API server's matcher decides: the
// namespaceSelector (the object's Namespace labels, plus kubernetes.io/metadata.name; cluster-
// scoped objects other than Namespaces always match), the objectSelector (new or old object),
// excludeResourceRules, then resourceRules (none: everything), with matchPolicy Equivalent
// accepting every group/version that serves the same resource.
#include <algorithm>

#include "policy/model.h"

namespace gori::policy {
namespace {

std::optional<std::string_view> Label(const doc::Node* labels, std::string_view key,
                                      std::string_view extra_key, std::string_view extra_value) {
  if (labels != nullptr) {
    if (const doc::Node* v = labels->Get(key); v && v->IsScalar() && !v->IsNull()) return v->text();
  }
  if (!extra_key.empty() && key == extra_key) return extra_value;
  return std::nullopt;
}

bool Listed(const std::vector<std::string_view>& list, std::string_view v) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view x) { return x == "*" || x == v; });
}

bool ResourceListed(const std::vector<std::string_view>& list, std::string_view resource,
                    std::string_view sub) {
  for (std::string_view r : list) {
    std::size_t slash = r.find('/');
    std::string_view res = r.substr(0, slash);
    std::string_view rsub = slash == std::string_view::npos ? "" : r.substr(slash + 1);
    if ((res == "*" || res == resource) && (rsub == "*" || rsub == sub)) return true;
  }
  return false;
}

bool RuleMatches(const ResourceRule& rule, const Request& r, std::string_view group,
                 std::string_view version) {
  // A conjunction: the test that fails most often (another resource) comes first.
  if (!ResourceListed(rule.resources, r.resource, "")) return false;
  if (!Listed(rule.groups, group) || !Listed(rule.versions, version)) return false;
  if (!Listed(rule.operations, r.operation)) return false;
  if (rule.scope == ResourceRule::Scope::kCluster && r.namespaced) return false;
  if (rule.scope == ResourceRule::Scope::kNamespaced && !r.namespaced) return false;
  if (!rule.names.empty() &&
      std::find(rule.names.begin(), rule.names.end(), r.name) == rule.names.end())
    return false;
  return true;
}

bool AnyRuleMatches(const std::vector<ResourceRule>& rules, bool exact, const Request& r) {
  for (const ResourceRule& rule : rules) {
    if (RuleMatches(rule, r, r.group, r.version)) return true;
  }
  if (exact) return false;
  for (const ResourceRule& rule : rules) {
    if (!ResourceListed(rule.resources, r.resource, "")) continue;  // whatever the version
    for (const k8s::GroupVersion& gv : r.equivalents) {
      if (RuleMatches(rule, r, gv.group, gv.version)) return true;
    }
  }
  return false;
}

}  // namespace

bool SelectorMatches(const LabelSelector& s, const doc::Node* labels, std::string_view extra_key,
                     std::string_view extra_value) {
  for (const LabelSelector::Requirement& req : s.requirements) {
    auto v = Label(labels, req.key, extra_key, extra_value);
    bool in = v && std::find(req.values.begin(), req.values.end(), *v) != req.values.end();
    switch (req.op) {
      case LabelSelector::Op::kIn:
        if (!in) return false;
        break;
      case LabelSelector::Op::kNotIn:
        if (in) return false;
        break;
      case LabelSelector::Op::kExists:
        if (!v) return false;
        break;
      case LabelSelector::Op::kDoesNotExist:
        if (v) return false;
        break;
    }
  }
  return true;
}

void IndexResources(MatchResources& m) {
  m.rule_resources.clear();
  m.any_resource = m.rules.empty();
  for (const ResourceRule& rule : m.rules) {
    for (std::string_view r : rule.resources) {
      std::string_view res = r.substr(0, r.find('/'));
      if (res == "*") m.any_resource = true;
      if (std::find(m.rule_resources.begin(), m.rule_resources.end(), res) ==
          m.rule_resources.end())
        m.rule_resources.push_back(res);
    }
  }
}

bool Matches(const MatchResources& m, const Request& r) {
  if (!m.namespace_selector.requirements.empty()) {
    if (r.is_namespace) {
      if (!SelectorMatches(m.namespace_selector, r.object->labels(), "kubernetes.io/metadata.name",
                           r.name))
        return false;
    } else if (r.namespaced) {
      if (!SelectorMatches(m.namespace_selector, r.namespace_labels, "kubernetes.io/metadata.name",
                           r.namespace_))
        return false;
    }
  }
  if (!m.object_selector.requirements.empty()) {
    bool now = SelectorMatches(m.object_selector, r.object->labels());
    const doc::Node* old_meta = r.old_object ? r.old_object->Get("metadata") : nullptr;
    bool before =
        old_meta != nullptr && SelectorMatches(m.object_selector, old_meta->Get("labels"));
    if (!now && !before) return false;
  }
  if (AnyRuleMatches(m.exclude, m.exact, r)) return false;
  if (m.rules.empty()) return true;
  return AnyRuleMatches(m.rules, m.exact, r);
}

}  // namespace gori::policy
