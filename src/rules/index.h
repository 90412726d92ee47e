// src/rules/index.h
//
// The namespace-aware view of the whole checked bundle that cross-resource rules consult.
// Built once per run (never per rule) from the objects; holds pointers, never copies.
// Objects without metadata.namespace are in the "default" namespace for namespaced kinds
// (what `kubectl apply` does without -n); cluster-scoped kinds have no namespace.
#pragma once

#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "k8s/object.h"

namespace gori::rules {

bool IsClusterScoped(std::string_view kind);

class Index {
 public:
  explicit Index(std::span<const k8s::Object> objects);

  std::span<const k8s::Object> objects() const { return objects_; }
  // metadata.namespace, "default" when unset, "" for cluster-scoped kinds.
  static std::string_view Namespace(const k8s::Object& o);

  // Objects of `kind` (any group), in bundle order.
  const std::vector<const k8s::Object*>& OfKind(std::string_view kind) const;
  // Objects of `kind` in namespace `ns`.
  std::vector<const k8s::Object*> OfKindIn(std::string_view kind, std::string_view ns) const;
  // Whether the bundle defines any object of `kind` in `ns` (cross-resource rules speak only
  // when the bundle can know the answer).
  bool Defines(std::string_view kind, std::string_view ns) const;
  const k8s::Object* Find(std::string_view kind, std::string_view ns, std::string_view name) const;
  // Workload objects that run pods (objects with a pod template or Pods), in `ns`.
  std::vector<const k8s::Object*> PodOwnersIn(std::string_view ns) const;

 private:
  std::span<const k8s::Object> objects_;
  std::unordered_map<std::string_view, std::vector<const k8s::Object*>> by_kind_;
};

}  // namespace gori::rules
