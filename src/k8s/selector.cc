#include "k8s/selector.h"

#include <algorithm>

#include <fmt/format.h>

namespace gori::k8s {
namespace {

const doc::Node* LabelValue(const doc::Node* labels, std::string_view key) {
  return labels ? labels->Get(key) : nullptr;
}

}  // namespace

Selector Selector::FromMap(const doc::Node* node, bool absent_selects_all) {
  Selector s;
  if (!node || node->IsNull()) {
    s.nothing_ = !absent_selects_all;
    return s;
  }
  for (const doc::Pair& p : node->pairs()) {
    s.requirements_.push_back({p.key->text(), Op::kIn, {p.value->text()}});
  }
  return s;
}

Result<Selector> Selector::FromLabelSelector(const doc::Node* node, bool absent_selects_all) {
  Selector s;
  if (!node || node->IsNull()) {
    s.nothing_ = !absent_selects_all;
    return s;
  }
  if (!node->IsMap()) return Fail("label selector is not a map");
  if (const doc::Node* ml = node->Get("matchLabels"); ml && ml->IsMap()) {
    for (const doc::Pair& p : ml->pairs()) {
      s.requirements_.push_back({p.key->text(), Op::kIn, {p.value->text()}});
    }
  }
  if (const doc::Node* me = node->Get("matchExpressions"); me && me->IsSeq()) {
    for (const doc::Node* e : me->items()) {
      const doc::Node* key = e->Get("key");
      const doc::Node* op = e->Get("operator");
      if (!key || !op) return Fail("matchExpressions entry needs key and operator");
      Requirement r{key->text(), Op::kIn, {}};
      std::string_view o = op->text();
      if (o == "In") {
        r.op = Op::kIn;
      } else if (o == "NotIn") {
        r.op = Op::kNotIn;
      } else if (o == "Exists") {
        r.op = Op::kExists;
      } else if (o == "DoesNotExist") {
        r.op = Op::kDoesNotExist;
      } else {
        return Fail(fmt::format("unknown selector operator '{}'", o));
      }
      if (const doc::Node* vs = e->Get("values"); vs && vs->IsSeq()) {
        for (const doc::Node* v : vs->items()) r.values.push_back(v->text());
      }
      s.requirements_.push_back(std::move(r));
    }
  }
  return s;
}

bool IsControllerLabel(std::string_view key) {
  static constexpr std::string_view kKeys[] = {
      "pod-template-hash",
      "controller-revision-hash",
      "statefulset.kubernetes.io/pod-name",
      "apps.kubernetes.io/pod-index",
      "controller-uid",
      "job-name",
      "batch.kubernetes.io/controller-uid",
      "batch.kubernetes.io/job-name",
      "batch.kubernetes.io/job-completion-index",
      "rollouts-pod-template-hash",
      "serving.knative.dev/revision",
      "serving.knative.dev/revisionUID",
      "serving.knative.dev/configuration",
      "serving.knative.dev/configurationGeneration",
      "serving.knative.dev/service",
  };
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

bool Selector::Matches(const doc::Node* labels) const { return MatchesImpl(labels, false); }

bool Selector::MatchesTemplate(const doc::Node* labels) const { return MatchesImpl(labels, true); }

std::optional<std::pair<std::string_view, std::string_view>> Selector::Equality() const {
  if (nothing_) return std::nullopt;
  for (const Requirement& r : requirements_) {
    if (r.op == Op::kIn && r.values.size() == 1 && !IsControllerLabel(r.key)) {
      return std::make_pair(r.key, r.values[0]);
    }
  }
  return std::nullopt;
}

bool Selector::MatchesImpl(const doc::Node* labels, bool template_labels) const {
  if (nothing_) return false;
  for (const Requirement& r : requirements_) {
    if (template_labels && IsControllerLabel(r.key)) continue;
    const doc::Node* v = LabelValue(labels, r.key);
    bool in = v && std::find(r.values.begin(), r.values.end(), v->text()) != r.values.end();
    switch (r.op) {
      case Op::kIn:
        if (!in) return false;
        break;
      case Op::kNotIn:
        if (in) return false;
        break;
      case Op::kExists:
        if (!v) return false;
        break;
      case Op::kDoesNotExist:
        if (v) return false;
        break;
    }
  }
  return true;
}

}  // namespace gori::k8s
