#include "rules/compliance/lib/mesh.h"

#include "rules/compliance/lib/namespaces.h"

namespace gori::rules {
namespace {

// The first selector-less policy of `ns` with a mode other than UNSET.
const k8s::Object* NamespacePolicy(const Index& index, std::string_view ns) {
  for (const k8s::Object* p : index.OfKind("PeerAuthentication.security.istio.io")) {
    if (!IsPeerAuthentication(*p) || Index::Namespace(*p) != ns || HasSelector(*p)) continue;
    if (!DeclaredMode(*p).empty()) return p;
  }
  return nullptr;
}

}  // namespace

bool IsPeerAuthentication(const k8s::Object& o) {
  return o.kind() == "PeerAuthentication" && o.group() == "security.istio.io";
}

const doc::Node* ModeNode(const k8s::Object& pa) {
  const doc::Node* spec = pa.spec();
  const doc::Node* mtls = spec ? spec->Get("mtls") : nullptr;
  return mtls ? mtls->Get("mode") : nullptr;
}

std::string_view DeclaredMode(const k8s::Object& pa) {
  std::string_view mode = ScalarText(ModeNode(pa));
  return mode == "UNSET" ? std::string_view() : mode;
}

bool HasSelector(const k8s::Object& pa) {
  const doc::Node* spec = pa.spec();
  const doc::Node* sel = spec ? spec->Get("selector") : nullptr;
  if (!sel || sel->IsNull() || !sel->IsMap()) return false;
  const doc::Node* labels = sel->Get("matchLabels");
  return labels && labels->IsMap() && labels->size() > 0;
}

NamespaceMtls MtlsOf(const ComplianceOptions& options, const Index& index, std::string_view ns) {
  NamespaceMtls m;
  if (const k8s::Object* p = NamespacePolicy(index, ns)) {
    m.mode = DeclaredMode(*p);
    m.source = p;
    m.mesh_wide = ns == options.mesh_root_namespace;
    return m;
  }
  if (const k8s::Object* p = NamespacePolicy(index, options.mesh_root_namespace)) {
    m.mode = DeclaredMode(*p);
    m.source = p;
    m.mesh_wide = true;
  }
  return m;
}

}  // namespace gori::rules
