// meta-duplicate-key: YAML and JSON let a mapping repeat a key; Kubernetes keeps the last one
// silently, so the first value a reviewer reads is not what runs.
#include <fmt/format.h>

#include "rules/rule.h"

namespace gori::rules {
namespace {

bool Contains(const doc::Node* root, const doc::Node* target) {
  if (root == target) return true;
  for (const doc::Pair& p : root->pairs()) {
    if (p.key == target || Contains(p.value, target)) return true;
  }
  for (const doc::Node* n : root->items()) {
    if (Contains(n, target)) return true;
  }
  return false;
}

class DuplicateKey final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-duplicate-key",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary = "a mapping repeats a key",
        .rationale =
            "When a key appears twice, Kubernetes keeps the last value without a "
            "warning: the reviewed value is not the applied one.",
        .remediation = "Delete one of the two entries (and merge what each meant to set).",
        .failing_example = "resources:\n  limits: {memory: 1Gi}\n  limits: {cpu: 500m}",
        .passing_example = "resources:\n  limits: {memory: 1Gi, cpu: 500m}",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    const doc::Document& d = o.document();
    if (d.duplicate_keys.empty()) return;
    bool whole = d.root == o.root();
    for (const doc::DuplicateKey& dk : d.duplicate_keys) {
      if (!whole && !Contains(o.root(), dk.duplicate)) continue;
      out.Reportf(*this, o, dk.duplicate, "",
                  "key '{}' repeats the one at line {}:{}; only this last value takes effect",
                  dk.duplicate->text(), dk.first->line(), dk.first->column());
    }
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DuplicateKey)
