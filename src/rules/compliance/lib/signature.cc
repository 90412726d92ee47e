#include "rules/compliance/lib/signature.h"

#include "k8s/selector.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/registry.h"

namespace gori::rules {
namespace {

bool SelectorMatches(const doc::Node* selector, const k8s::Object& ns_object) {
  auto sel = k8s::Selector::FromLabelSelector(selector, /*absent_selects_all=*/true);
  return sel && sel->Matches(ns_object.labels());
}

// Whether a Kyverno resource filter's namespace constraints admit the namespace. `constrained`
// tells whether the filter has any namespace constraint at all.
bool FilterAdmits(const doc::Node* filter, const k8s::Object& ns_object, bool& constrained) {
  constrained = false;
  const doc::Node* res = filter && filter->IsMap() ? filter->Get("resources") : nullptr;
  if (!res || !res->IsMap()) return true;
  const doc::Node* names = res->Get("namespaces");
  if (names && names->IsSeq() && names->size() > 0) {
    constrained = true;
    bool any = false;
    for (const doc::Node* n : names->items()) {
      if (GlobMatch(ScalarText(n), ns_object.name())) any = true;
    }
    if (!any) return false;
  }
  const doc::Node* sel = res->Get("namespaceSelector");
  if (sel && sel->IsMap()) {
    constrained = true;
    if (!SelectorMatches(sel, ns_object)) return false;
  }
  return true;
}

bool MatchAdmits(const doc::Node* match, const k8s::Object& ns_object) {
  if (!match || !match->IsMap()) return true;
  bool constrained = false;
  if (const doc::Node* any = match->Get("any"); any && any->IsSeq() && any->size() > 0) {
    for (const doc::Node* f : any->items()) {
      if (FilterAdmits(f, ns_object, constrained)) return true;
    }
    return false;
  }
  if (const doc::Node* all = match->Get("all"); all && all->IsSeq() && all->size() > 0) {
    for (const doc::Node* f : all->items()) {
      if (!FilterAdmits(f, ns_object, constrained)) return false;
    }
    return true;
  }
  return FilterAdmits(match, ns_object, constrained);
}

bool ExcludeNames(const doc::Node* exclude, const k8s::Object& ns_object) {
  if (!exclude || !exclude->IsMap()) return false;
  auto excludes = [&](const doc::Node* f) {
    bool constrained = false;
    return FilterAdmits(f, ns_object, constrained) && constrained;
  };
  for (std::string_view key : {"any", "all"}) {
    const doc::Node* list = exclude->Get(key);
    if (!list || !list->IsSeq()) continue;
    for (const doc::Node* f : list->items()) {
      if (excludes(f)) return true;
    }
  }
  return excludes(exclude);
}

bool KyvernoCovers(const k8s::Object& policy, const k8s::Object& ns_object, bool cluster) {
  if (!cluster && Index::Namespace(policy) != ns_object.name()) return false;
  const doc::Node* rules = policy.spec() ? policy.spec()->Get("rules") : nullptr;
  if (!rules || !rules->IsSeq()) return false;
  for (const doc::Node* r : rules->items()) {
    const doc::Node* verify = r->IsMap() ? r->Get("verifyImages") : nullptr;
    if (!verify || !verify->IsSeq() || verify->size() == 0) continue;
    if (!cluster) return true;
    if (MatchAdmits(r->Get("match"), ns_object) && !ExcludeNames(r->Get("exclude"), ns_object)) {
      return true;
    }
  }
  return false;
}

}  // namespace

const k8s::Object* SignaturePolicyFor(const Index& index, const k8s::Object& ns_object) {
  for (const k8s::Object& o : index.objects()) {
    std::string_view g = o.group();
    if (g == "kyverno.io" && (o.kind() == "ClusterPolicy" || o.kind() == "Policy")) {
      if (KyvernoCovers(o, ns_object, o.kind() == "ClusterPolicy")) return &o;
    } else if (g == "policies.kyverno.io" && o.kind() == "ImageValidatingPolicy") {
      const doc::Node* spec = o.spec();
      const doc::Node* sel = spec ? spec->Path({"matchConstraints", "namespaceSelector"}) : nullptr;
      if (!sel || SelectorMatches(sel, ns_object)) return &o;
    } else if (g == "policy.sigstore.dev" && o.kind() == "ClusterImagePolicy") {
      if (ScalarText(ns_object.Label("policy.sigstore.dev/include")) == "true") return &o;
    }
  }
  return nullptr;
}

}  // namespace gori::rules
