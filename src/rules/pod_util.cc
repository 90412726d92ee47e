#include "rules/pod_util.h"

namespace gori::rules {

bool RunsLongLived(const k8s::Object& o) {
  std::string_view k = o.kind();
  if (k == "Job" || k == "CronJob" || k == "ScaledJob" || k == "PodTemplate") return false;
  if (k == "Pod") {
    const doc::Node* rp = o.pod() ? o.pod()->Get("restartPolicy") : nullptr;
    return !rp || rp->text() == "Always";
  }
  return o.pod() != nullptr;
}

bool IsWindowsPod(const k8s::PodSpec& pod) {
  const doc::Node* os = pod.Get("os");
  const doc::Node* name = os ? os->Get("name") : nullptr;
  return name && name->text() == "windows";
}

const doc::Node* SecurityAnchor(const k8s::Container& c) {
  const doc::Node* sc = c.SecurityContext();
  return sc && sc->IsMap() ? sc : c.node;
}

}  // namespace gori::rules
