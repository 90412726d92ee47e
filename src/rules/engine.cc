#include "rules/engine.h"

#include <algorithm>

#include "rules/pss/lib/policy_level.h"
#include "rules/registry.h"

namespace gori::rules {
namespace {

bool Before(const Finding& a, const Finding& b) {
  if (a.file != b.file) return a.file < b.file;
  if (a.line != b.line) return a.line < b.line;
  if (a.column != b.column) return a.column < b.column;
  if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
  return a.message < b.message;
}

}  // namespace

Engine::Engine(const Config& config) : config_(config) {
  for (const Rule* r : AllRules()) {
    if (config_.IsActive(r->Info())) {
      active_.push_back(r);
    } else if (r->Info().family == Family::kPss && config_.IsActiveWithPss(r->Info())) {
      pss_on_labels_.push_back(r);
    }
  }
}

void Engine::Run(std::span<const k8s::Object> objects, std::vector<Finding>& out) const {
  Index index(objects, config_.complete_bundle);
  Run(index, out);
}

void Engine::Run(const Index& index, std::vector<Finding>& out) const {
  Context ctx{config_, index};
  std::size_t first = out.size();
  Sink sink(out);
  bool pss_labels = !pss_on_labels_.empty() && pss::AnyEnforceLabel(index.OfKind("Namespace"));
  for (const k8s::Object& o : index.objects()) {
    for (const Rule* r : active_) r->Check(ctx, o, sink);
    if (pss_labels) {
      for (const Rule* r : pss_on_labels_) r->Check(ctx, o, sink);
    }
  }
  // Rules may choose a finding's severity themselves (e.g. seccomp Unconfined is worse than
  // missing); a configured override replaces whatever the rule chose.
  if (!config_.severity_overrides.empty()) {
    for (std::size_t i = first; i < out.size(); ++i) {
      auto it = config_.severity_overrides.find(out[i].rule_id);
      if (it != config_.severity_overrides.end()) out[i].severity = it->second;
    }
  }
  SortFindings(out);
}

void SortFindings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), Before);
}

}  // namespace gori::rules
