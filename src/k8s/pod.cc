#include "k8s/pod.h"

#include <fmt/format.h>

namespace gori::k8s {

std::string_view ContainerListName(ContainerKind kind) {
  switch (kind) {
    case ContainerKind::kInit:
      return "initContainers";
    case ContainerKind::kRegular:
      return "containers";
    case ContainerKind::kEphemeral:
      return "ephemeralContainers";
  }
  return "containers";
}

std::string Container::Path(std::string_view spec_path) const {
  return fmt::format("{}.{}[{}]", spec_path, ContainerListName(kind), index);
}

const doc::Node* Container::Security(std::string_view key) const {
  const doc::Node* sc = node->Get("securityContext");
  return sc ? sc->Get(key) : nullptr;
}

bool Container::IsSidecar() const {
  if (kind != ContainerKind::kInit) return false;
  const doc::Node* rp = node->Get("restartPolicy");
  return rp && rp->text() == "Always";
}

const doc::Node* PodSpec::PodSecurity(std::string_view key) const {
  const doc::Node* sc = spec->Get("securityContext");
  return sc ? sc->Get(key) : nullptr;
}

const doc::Node* PodSpec::Effective(const Container& c, std::string_view key) const {
  const doc::Node* v = c.Security(key);
  if (v && !v->IsNull()) return v;
  v = PodSecurity(key);
  if (v && !v->IsNull()) return v;
  return nullptr;
}

const doc::Node* PodSpec::Label(std::string_view key) const {
  const doc::Node* l = labels();
  return l ? l->Get(key) : nullptr;
}

const doc::Node* PodSpec::Annotation(std::string_view key) const {
  const doc::Node* a = annotations();
  return a ? a->Get(key) : nullptr;
}

PodSpec MakePodSpec(const doc::Node* spec, const doc::Node* metadata, const doc::Node* owner,
                    std::string spec_path, std::string metadata_path) {
  PodSpec p;
  p.spec = spec;
  p.metadata = metadata && metadata->IsMap() ? metadata : nullptr;
  p.owner = owner;
  p.spec_path = std::move(spec_path);
  p.metadata_path = std::move(metadata_path);
  for (ContainerKind kind :
       {ContainerKind::kInit, ContainerKind::kRegular, ContainerKind::kEphemeral}) {
    const doc::Node* list = spec->Get(ContainerListName(kind));
    if (!list) continue;
    uint32_t i = 0;
    for (const doc::Node* c : list->items()) {
      if (c->IsMap()) {
        const doc::Node* name = c->Get("name");
        p.containers.push_back({c, name ? name->text() : std::string_view(), kind, i});
      }
      ++i;
    }
  }
  return p;
}

}  // namespace gori::k8s
