// src/k8s/selector.h
//
// Label selectors with Kubernetes semantics: matchLabels AND matchExpressions (In, NotIn,
// Exists, DoesNotExist). An empty selector `{}` selects everything; a null/absent selector is
// "nothing" or "everything" depending on the API field, so callers say which via
// `absent_selects_all`. Service-style selectors (a plain map) are matchLabels only.
//
// Pod templates lack the labels controllers add to the pods they create (pod-template-hash,
// controller-revision-hash, statefulset.kubernetes.io/pod-name, job-name, ...): MatchesTemplate
// treats a requirement on such a key as satisfiable, so a selector that relies on them is not
// reported as matching nothing.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
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
  // Like Matches, for the labels of a pod template: requirements on controller-set keys
  // (IsControllerLabel) are taken as met, since the created pods will carry those labels.
  bool MatchesTemplate(const doc::Node* labels) const;
  // A `key=value` requirement every match (also every template match) must satisfy: the first
  // single-value In on a key that is not controller-set. For callers that index labels; nullopt
  // when the selector has none.
  std::optional<std::pair<std::string_view, std::string_view>> Equality() const;
  bool SelectsAll() const { return !nothing_ && requirements_.empty(); }
  bool SelectsNothing() const { return nothing_; }

 private:
  enum class Op : uint8_t { kIn, kNotIn, kExists, kDoesNotExist };
  struct Requirement {
    std::string_view key;
    Op op;
    std::vector<std::string_view> values;
  };
  bool MatchesImpl(const doc::Node* labels, bool template_labels) const;

  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

// Labels that controllers set on the pods they create and that pod templates therefore lack.
bool IsControllerLabel(std::string_view key);

}  // namespace gori::k8s
