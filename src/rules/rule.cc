#include "rules/rule.h"

namespace gori::rules {
namespace {

// The key whose value is `value` below `n`, or nullptr (a list item, the root).
const doc::Node* KeyOf(const doc::Node* n, const doc::Node* value) {
  if (n->IsMap()) {
    for (const doc::Pair& p : n->pairs()) {
      if (p.value == value) return p.key;
    }
    for (const doc::Pair& p : n->pairs()) {
      if (const doc::Node* k = KeyOf(p.value, value)) return k;
    }
  } else if (n->IsSeq()) {
    for (const doc::Node* item : n->items()) {
      if (const doc::Node* k = KeyOf(item, value)) return k;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "medium";
}

Result<Severity> ParseSeverity(std::string_view s) {
  for (Severity v :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (SeverityName(v) == s) return v;
  }
  return Fail(fmt::format("unknown severity '{}' (want critical, high, medium, low or info)", s));
}

std::string_view FamilyName(Family f) {
  switch (f) {
    case Family::kSecurity:
      return "security";
    case Family::kRbac:
      return "rbac";
    case Family::kReliability:
      return "reliability";
    case Family::kResources:
      return "resources";
    case Family::kNetwork:
      return "network";
    case Family::kSupply:
      return "supply-chain";
    case Family::kMeta:
      return "metadata";
    case Family::kPss:
      return "pss";
    case Family::kCompliance:
      return "compliance";
  }
  return "security";
}

Finding& Sink::Report(const Rule& rule, const k8s::Object& object, const doc::Node* at,
                      std::string path, std::string message) {
  const doc::Node* pos = at ? at : object.root();
  // A map or list starts at its first child; a finding about it (often about a field it lacks)
  // belongs on its key: `securityContext:`, not the `runAsNonRoot` under it.
  if (!pos->IsScalar() && pos != object.root()) {
    if (const doc::Node* key = KeyOf(object.root(), pos)) pos = key;
  }
  return Add(rule, object, pos, std::move(path), std::move(message));
}

Finding& Sink::ReportValue(const Rule& rule, const k8s::Object& object, const doc::Node* at,
                           std::string path, std::string message) {
  const doc::Node* pos = at ? at : object.root();
  if (!pos->IsScalar() && pos != object.root()) {
    // A collection that starts on its key's line is a flow one: its bracket is where it starts.
    const doc::Node* key = KeyOf(object.root(), pos);
    if (key && key->line() != pos->line()) pos = key;
  }
  return Add(rule, object, pos, std::move(path), std::move(message));
}

Finding& Sink::Add(const Rule& rule, const k8s::Object& object, const doc::Node* pos,
                   std::string path, std::string message) {
  const RuleInfo& info = rule.Info();
  Finding f;
  f.rule_id = info.id;
  f.severity = info.severity;
  f.message = std::move(message);
  f.object = &object;
  f.file = object.source().name();
  f.line = pos->line();
  f.column = pos->column();
  f.path = std::move(path);
  f.remediation = info.remediation;
  out_.push_back(std::move(f));
  return out_.back();
}

}  // namespace gori::rules
