#include "rules/compliance/lib/residency.h"

#include <algorithm>
#include <optional>

#include "rules/compliance/lib/namespaces.h"

namespace gori::rules {
namespace {

using Set = std::vector<std::string>;

bool IsRegionKey(const ComplianceOptions& options, std::string_view key) {
  return std::find(options.region_labels.begin(), options.region_labels.end(), key) !=
         options.region_labels.end();
}

void Normalize(Set& s) {
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
}

Set Intersect(const Set& a, const Set& b) {
  Set out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::optional<Set> FromNodeSelector(const ComplianceOptions& options, const doc::Node* sel) {
  if (!sel || !sel->IsMap()) return std::nullopt;
  std::optional<Set> out;
  for (const doc::Pair& p : sel->pairs()) {
    if (!IsRegionKey(options, p.key->text())) continue;
    Set one{std::string(ScalarText(p.value))};
    out = out ? Intersect(*out, one) : one;
  }
  return out;
}

std::optional<Set> FromAffinity(const ComplianceOptions& options, const doc::Node* spec) {
  const doc::Node* req =
      spec->Path({"affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"});
  const doc::Node* terms = req ? req->Get("nodeSelectorTerms") : nullptr;
  if (!terms || !terms->IsSeq() || terms->size() == 0) return std::nullopt;
  Set all;
  for (const doc::Node* term : terms->items()) {
    const doc::Node* exprs = term->IsMap() ? term->Get("matchExpressions") : nullptr;
    std::optional<Set> pinned;
    if (exprs && exprs->IsSeq()) {
      for (const doc::Node* e : exprs->items()) {
        if (!e->IsMap() || !IsRegionKey(options, ScalarText(e->Get("key")))) continue;
        if (ScalarText(e->Get("operator")) != "In") continue;
        Set values;
        if (const doc::Node* vs = e->Get("values"); vs && vs->IsSeq()) {
          for (const doc::Node* v : vs->items()) values.emplace_back(ScalarText(v));
        }
        Normalize(values);
        pinned = pinned ? Intersect(*pinned, values) : values;
      }
    }
    if (!pinned) return std::nullopt;  // this term admits nodes of any region
    all.insert(all.end(), pinned->begin(), pinned->end());
  }
  Normalize(all);
  return all;
}

std::optional<Set> FromNamespace(const ComplianceOptions& options, const k8s::Object* ns_object) {
  if (!ns_object) return std::nullopt;
  std::string_view sel = ScalarText(ns_object->Annotation(kNamespaceNodeSelector));
  std::optional<Set> out;
  while (!sel.empty()) {
    std::size_t comma = sel.find(',');
    std::string_view kv = sel.substr(0, comma);
    sel = comma == std::string_view::npos ? std::string_view() : sel.substr(comma + 1);
    std::size_t eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    if (!IsRegionKey(options, kv.substr(0, eq))) continue;
    Set one{std::string(kv.substr(eq + 1))};
    out = out ? Intersect(*out, one) : one;
  }
  return out;
}

}  // namespace

RegionPinning PinnedRegions(const ComplianceOptions& options, const k8s::PodSpec& pod,
                            const k8s::Object* ns_object) {
  RegionPinning r;
  std::optional<Set> result;
  auto apply = [&](std::optional<Set> s, std::string_view source) {
    if (!s) return;
    Normalize(*s);
    result = result ? Intersect(*result, *s) : *s;
    if (!r.source.empty()) r.source += ", ";
    r.source += source;
  };
  apply(FromNodeSelector(options, pod.Get("nodeSelector")), pod.spec_path + ".nodeSelector");
  apply(FromAffinity(options, pod.spec), "required node affinity");
  apply(FromNamespace(options, ns_object),
        std::string("Namespace annotation ") + std::string(kNamespaceNodeSelector));
  if (result) {
    r.pinned = true;
    r.regions = std::move(*result);
  }
  return r;
}

}  // namespace gori::rules
