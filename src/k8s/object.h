// src/k8s/object.h
//
// Kubernetes views over parsed documents. An Object is one manifest object (a document root,
// or an item of a `kind: List` / `*List` from `kubectl get -o json`) with its identity read
// once. Objects never copy the tree: they hold Node pointers into the LoadedFile, which must
// outlive them. Objects whose kind gori does not know (CRDs) are kept like any other.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "doc/node.h"
#include "k8s/pod.h"

namespace gori::k8s {

struct ObjectRef {
  std::string_view api_version;
  std::string_view kind;
  std::string_view namespace_;  // as written; empty when not set
  std::string_view name;
};

class Object {
 public:
  Object(const doc::Document* document, const doc::Node* root);

  const doc::Document& document() const { return *document_; }
  const Source& source() const { return *document_->source; }
  const doc::Node* root() const { return root_; }
  const doc::Node* metadata() const { return metadata_; }
  const doc::Node* spec() const { return root_->Get("spec"); }

  const ObjectRef& ref() const { return ref_; }
  std::string_view api_version() const { return ref_.api_version; }
  std::string_view kind() const { return ref_.kind; }
  std::string_view name() const { return ref_.name; }
  // The namespace as written (empty when unset; see EffectiveNamespace).
  std::string_view namespace_() const { return ref_.namespace_; }
  // API group of apiVersion ("" for the core group, "apps" for apps/v1).
  std::string_view group() const;
  // Without metadata.namespace, the object lands in whatever namespace it is applied to: the
  // key under which cross-resource rules join it with the other namespace-less objects of the
  // same input (see Bundle::Finish). Empty: "default", as `kubectl apply` without -n.
  std::string_view unset_namespace() const { return unset_namespace_; }
  void set_unset_namespace(std::string_view key) { unset_namespace_ = key; }

  // Label / annotation value, or nullptr. String values only (a YAML 1.1 bool is not a string).
  const doc::Node* Label(std::string_view key) const;
  const doc::Node* Annotation(std::string_view key) const;
  const doc::Node* labels() const { return metadata_ ? metadata_->Get("labels") : nullptr; }
  const doc::Node* annotations() const {
    return metadata_ ? metadata_->Get("annotations") : nullptr;
  }

  // The pod this object runs, when it is a Pod or carries a pod template (see pod.h).
  const PodSpec* pod() const { return pod_ ? &*pod_ : nullptr; }
  void set_pod(std::optional<PodSpec> pod) { pod_ = std::move(pod); }

 private:
  const doc::Document* document_;
  const doc::Node* root_;
  const doc::Node* metadata_ = nullptr;
  ObjectRef ref_;
  std::string_view unset_namespace_;
  std::optional<PodSpec> pod_;
};

// Where a kind keeps its pod template, e.g. {"argoproj.io", "Rollout", {"spec", "template"}}.
// The path leads to the template (a map with `metadata` and `spec`), or for `Pod` to the pod.
struct PodTemplatePath {
  std::string group;  // "*" matches any group
  std::string kind;
  std::vector<std::string> path;
};

// Built-in workload kinds plus the CRDs gori knows (Argo Rollout, OpenKruise CloneSet, KEDA
// ScaledJob, Knative Service). Configuration may add more.
const std::vector<PodTemplatePath>& BuiltinPodTemplatePaths();

// Appends to `out` the objects of one document: the root, or each item of a List. Documents
// whose root is null or not a map yield nothing.
void CollectObjects(const doc::Document& document, const std::vector<PodTemplatePath>& paths,
                    std::vector<Object>& out);

}  // namespace gori::k8s
