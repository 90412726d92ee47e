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

bool Selector::Matches(const doc::Node* labels) const {
  if (nothing_) return false;
  for (const Requirement& r : requirements_) {
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
