// src/k8s/selector.h
//
// Label selectors with Kubernetes semantics: matchLabels AND matchExpressions (In, NotIn,
// Exists, DoesNotExist). An empty selector `{}` selects everything; a null/absent selector is
// "nothing" or "everything" depending on the API field, so callers say which via
// `absent_selects_all`. Service-style selectors (a plain map) are matchLabels only.
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "doc/node.h"

namespace gori::k8s {

class Selector {
 public:
  // A LabelSelector (matchLabels/matchExpressions). `node` may be null.
  static Result<Selector> FromLabelSelector(const doc::Node* node, bool absent_selects_all);
  // A Service/ReplicationController selector: a plain map of labels. `node` may be null.
  static Selector FromMap(const doc::Node* node, bool absent_selects_all);

  // `labels` is a metadata.labels map (or null: no labels).
  bool Matches(const doc::Node* labels) const;
  bool SelectsAll() const { return !nothing_ && requirements_.empty(); }
  bool SelectsNothing() const { return nothing_; }

 private:
  enum class Op : uint8_t { kIn, kNotIn, kExists, kDoesNotExist };
  struct Requirement {
    std::string_view key;
    Op op;
    std::vector<std::string_view> values;
  };
  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

}  // namespace gori::k8s
