#include "rules/security/lib/host_namespace_rule.h"

#include "rules/pod_util.h"

namespace gori::rules {

void HostNamespaceRule::Check(const Context&, const k8s::Object& o, Sink& out) const {
  if (!o.pod()) return;
  const doc::Node* v = o.pod()->Get(field_);
  if (IsTrue(v)) {
    out.Reportf(*this, o, v, o.pod()->spec_path + "." + std::string(field_), "pod sets {}: true",
                field_);
  }
}

}  // namespace gori::rules
