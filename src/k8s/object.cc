#include "k8s/object.h"

#include <fmt/format.h>

namespace gori::k8s {
namespace {

std::string_view Text(const doc::Node* n) {
  return n && n->IsScalar() && !n->IsNull() ? n->text() : std::string_view();
}

std::string_view GroupOf(std::string_view api_version) {
  auto slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

std::optional<PodSpec> FindPod(const Object& o, const std::vector<PodTemplatePath>& paths) {
  std::string_view group = o.group();
  for (const auto& p : paths) {
    if (p.kind != o.kind() || (p.group != "*" && p.group != group)) continue;
    const doc::Node* n = o.root();
    std::string path;
    for (const auto& key : p.path) {
      n = n ? n->Get(key) : nullptr;
      if (!path.empty()) path.push_back('.');
      path += key;
    }
    if (!n || !n->IsMap()) return std::nullopt;  // missing or null template: nothing to check
    if (o.kind() == "Pod" && group.empty()) {
      return MakePodSpec(n, o.metadata(), o.root(), path, "metadata");
    }
    const doc::Node* spec = n->Get("spec");
    if (!spec || !spec->IsMap()) return std::nullopt;
    return MakePodSpec(spec, n->Get("metadata"), n, path + ".spec", path + ".metadata");
  }
  return std::nullopt;
}

}  // namespace

Object::Object(const doc::Document* document, const doc::Node* root)
    : document_(document), root_(root) {
  const doc::Node* md = root->Get("metadata");
  metadata_ = md && md->IsMap() ? md : nullptr;
  ref_.api_version = Text(root->Get("apiVersion"));
  ref_.kind = Text(root->Get("kind"));
  if (metadata_) {
    ref_.name = Text(metadata_->Get("name"));
    if (ref_.name.empty()) ref_.name = Text(metadata_->Get("generateName"));
    ref_.namespace_ = Text(metadata_->Get("namespace"));
  }
}

std::string_view Object::group() const { return GroupOf(ref_.api_version); }

const doc::Node* Object::Label(std::string_view key) const {
  const doc::Node* l = labels();
  return l ? l->Get(key) : nullptr;
}

const doc::Node* Object::Annotation(std::string_view key) const {
  const doc::Node* a = annotations();
  return a ? a->Get(key) : nullptr;
}

const std::vector<PodTemplatePath>& BuiltinPodTemplatePaths() {
  static const std::vector<PodTemplatePath> kPaths = {
      {"", "Pod", {"spec"}},
      {"", "PodTemplate", {"template"}},
      {"", "ReplicationController", {"spec", "template"}},
      {"apps", "Deployment", {"spec", "template"}},
      {"apps", "StatefulSet", {"spec", "template"}},
      {"apps", "DaemonSet", {"spec", "template"}},
      {"apps", "ReplicaSet", {"spec", "template"}},
      {"extensions", "Deployment", {"spec", "template"}},
      {"extensions", "DaemonSet", {"spec", "template"}},
      {"extensions", "ReplicaSet", {"spec", "template"}},
      {"batch", "Job", {"spec", "template"}},
      {"batch", "CronJob", {"spec", "jobTemplate", "spec", "template"}},
      {"argoproj.io", "Rollout", {"spec", "template"}},
      {"apps.kruise.io", "CloneSet", {"spec", "template"}},
      {"keda.sh", "ScaledJob", {"spec", "jobTemplate", "spec", "template"}},
      {"serving.knative.dev", "Service", {"spec", "template"}},
  };
  return kPaths;
}

void CollectObjects(const doc::Document& document, const std::vector<PodTemplatePath>& paths,
                    std::vector<Object>& out) {
  const doc::Node* root = document.root;
  if (!root || !root->IsMap()) return;
  std::string_view kind = Text(root->Get("kind"));
  const doc::Node* items = root->Get("items");
  if (items && items->IsSeq() && (kind == "List" || kind.ends_with("List"))) {
    for (const doc::Node* item : items->items()) {
      if (!item->IsMap()) continue;
      Object o(&document, item);
      o.set_pod(FindPod(o, paths));
      out.push_back(std::move(o));
    }
    return;
  }
  Object o(&document, root);
  o.set_pod(FindPod(o, paths));
  out.push_back(std::move(o));
}

}  // namespace gori::k8s
