#include "rules/compliance/lib/exemptions.h"

#include <fmt/format.h>

#include "rules/compliance/lib/namespaces.h"

namespace gori::rules {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<Exemption> Lookup(const doc::Node* annotations, const std::string& key,
                                const k8s::Object* holder, ExemptionScope scope) {
  if (!annotations || !annotations->IsMap()) return std::nullopt;
  const doc::Node* v = annotations->Get(key);
  if (!v) return std::nullopt;
  Exemption e;
  e.value = v;
  e.holder = holder;
  e.scope = scope;
  e.key = key;
  // Only a string is a justification: `true` or `1` says nothing about why.
  if (auto s = v->AsString()) e.justification = Trim(*s);
  return e;
}

std::string Where(const Exemption& e) {
  const k8s::Object& h = *e.holder;
  switch (e.scope) {
    case ExemptionScope::kObject:
      return fmt::format("{} '{}'", h.kind(), h.name());
    case ExemptionScope::kPodTemplate:
      return fmt::format("the pod template of {} '{}'", h.kind(), h.name());
    case ExemptionScope::kNamespace:
      return fmt::format("Namespace '{}'", h.name());
  }
  return {};
}

}  // namespace

std::string_view ExemptionScopeName(ExemptionScope s) {
  switch (s) {
    case ExemptionScope::kObject:
      return "object";
    case ExemptionScope::kPodTemplate:
      return "pod template";
    case ExemptionScope::kNamespace:
      return "namespace";
  }
  return "object";
}

std::optional<Exemption> FindExemption(const ComplianceOptions& options, const Index& index,
                                       const k8s::Object& object, std::string_view rule_id) {
  std::string key = options.exempt_prefix + std::string(rule_id);
  if (auto e = Lookup(object.annotations(), key, &object, ExemptionScope::kObject)) return e;
  if (object.pod()) {
    if (auto e = Lookup(object.pod()->annotations(), key, &object, ExemptionScope::kPodTemplate)) {
      return e;
    }
  }
  if (object.kind() == "Namespace" && object.group().empty()) return std::nullopt;
  if (const k8s::Object* ns = FindNamespaceObject(index, Index::Namespace(object))) {
    return Lookup(ns->annotations(), key, ns, ExemptionScope::kNamespace);
  }
  return std::nullopt;
}

ExemptionResult ApplyExemptions(const Config& config, const Index& index,
                                std::vector<Finding>& findings) {
  ExemptionResult result;
  for (Finding& f : findings) {
    if (f.suppressed || !f.object) continue;
    auto e = FindExemption(config.compliance, index, *f.object, f.rule_id);
    if (!e) continue;
    ExemptionRecord r{f.rule_id, f.object, f.file, f.line, f.column, f.message, f.severity, *e};
    if (e->valid()) {
      f.suppressed = true;
      f.suppression_reason =
          fmt::format("compliance exemption ({} on {}): {}", e->key, Where(*e), e->justification);
      result.applied.push_back(std::move(r));
    } else {
      f.message += fmt::format(" (exemption {} on {} ignored: it gives no justification)", e->key,
                               Where(*e));
      result.ignored.push_back(std::move(r));
    }
  }
  return result;
}

}  // namespace gori::rules
