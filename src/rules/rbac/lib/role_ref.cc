#include "rules/rbac/lib/role_ref.h"

#include <fmt/format.h>

#include "rules/pod_util.h"

namespace gori::rules {

const k8s::Object* ResolveRoleRef(const Index& index, const k8s::Object& binding) {
  const doc::Node* ref = binding.root()->Get("roleRef");
  if (!ref || !ref->IsMap()) return nullptr;
  std::string_view kind = Text(ref->Get("kind"));
  std::string_view name = Text(ref->Get("name"));
  if (name.empty()) return nullptr;
  if (kind == "ClusterRole") return index.Find("ClusterRole", "", name);
  if (kind == "Role" && binding.kind() == "RoleBinding") {
    return index.Find("Role", Index::Namespace(binding), name);
  }
  return nullptr;
}

std::string SubjectList(const k8s::Object& binding) {
  const doc::Node* subjects = binding.root()->Get("subjects");
  std::string out;
  for (const doc::Node* s : subjects ? subjects->items() : std::span<const doc::Node* const>()) {
    std::string_view kind = Text(s->Get("kind"));
    std::string_view name = Text(s->Get("name"));
    if (name.empty()) continue;
    if (!out.empty()) out += ", ";
    if (kind == "ServiceAccount") {
      std::string_view ns = Text(s->Get("namespace"));
      if (ns.empty()) ns = Index::Shown(Index::Namespace(binding));
      out += ns.empty() ? fmt::format("ServiceAccount '{}'", name)
                        : fmt::format("ServiceAccount '{}/{}'", ns, name);
    } else {
      out += fmt::format("{} '{}'", kind.empty() ? "subject" : kind, name);
    }
  }
  return out.empty() ? "no subject" : out;
}

}  // namespace gori::rules
