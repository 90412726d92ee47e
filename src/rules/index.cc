#include "rules/index.h"

#include <algorithm>
#include <array>

namespace gori::rules {

bool IsClusterScoped(std::string_view kind) {
  static constexpr std::array<std::string_view, 18> kKinds = {
      "Namespace",
      "Node",
      "PersistentVolume",
      "ClusterRole",
      "ClusterRoleBinding",
      "CustomResourceDefinition",
      "StorageClass",
      "PriorityClass",
      "ValidatingWebhookConfiguration",
      "MutatingWebhookConfiguration",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
      "APIService",
      "IngressClass",
      "RuntimeClass",
      "CSIDriver",
      "ClusterIssuer",
      "GatewayClass",
  };
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

Index::Index(std::span<const k8s::Object> objects) : objects_(objects) {
  for (const k8s::Object& o : objects_) by_kind_[o.kind()].push_back(&o);
}

std::string_view Index::Namespace(const k8s::Object& o) {
  if (IsClusterScoped(o.kind())) return {};
  return o.namespace_().empty() ? std::string_view("default") : o.namespace_();
}

const std::vector<const k8s::Object*>& Index::OfKind(std::string_view kind) const {
  static const std::vector<const k8s::Object*> kEmpty;
  auto it = by_kind_.find(kind);
  return it == by_kind_.end() ? kEmpty : it->second;
}

std::vector<const k8s::Object*> Index::OfKindIn(std::string_view kind, std::string_view ns) const {
  std::vector<const k8s::Object*> out;
  for (const k8s::Object* o : OfKind(kind)) {
    if (Namespace(*o) == ns) out.push_back(o);
  }
  return out;
}

bool Index::Defines(std::string_view kind, std::string_view ns) const {
  for (const k8s::Object* o : OfKind(kind)) {
    if (Namespace(*o) == ns) return true;
  }
  return false;
}

const k8s::Object* Index::Find(std::string_view kind, std::string_view ns,
                               std::string_view name) const {
  for (const k8s::Object* o : OfKind(kind)) {
    if (o->name() == name && Namespace(*o) == ns) return o;
  }
  return nullptr;
}

std::vector<const k8s::Object*> Index::PodOwnersIn(std::string_view ns) const {
  std::vector<const k8s::Object*> out;
  for (const k8s::Object& o : objects_) {
    if (o.pod() && Namespace(o) == ns) out.push_back(&o);
  }
  return out;
}

}  // namespace gori::rules
