#include "rules/pod_util.h"

#include "rules/index.h"

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

const doc::Node* FirstMap(std::initializer_list<const doc::Node*> nodes,
                          const doc::Node* fallback) {
  for (const doc::Node* n : nodes) {
    if (n && n->IsMap()) return n;
  }
  return fallback;
}

bool IsBuiltinKind(const k8s::Object& o, std::string_view kind) {
  return o.kind() == kind && IsBuiltinGroup(o.group());
}

bool IsReplicated(const k8s::Object& o) {
  if (!o.pod()) return false;
  std::string_view k = o.kind();
  if (IsBuiltinGroup(o.group())) {
    return k == "Deployment" || k == "StatefulSet" || k == "ReplicaSet" ||
           k == "ReplicationController";
  }
  return (k == "Rollout" && o.group() == "argoproj.io") ||
         (k == "CloneSet" && o.group() == "apps.kruise.io");
}

std::optional<int64_t> ReplicaCount(const k8s::Object& o) {
  if (!IsReplicated(o)) return std::nullopt;
  const doc::Node* r = o.spec() ? o.spec()->Get("replicas") : nullptr;
  if (!r || r->IsNull()) return 1;
  return r->AsInt();
}

std::optional<int64_t> MinReplicaCount(const Context& ctx, const k8s::Object& o) {
  for (const k8s::Object* h : ctx.index.HpasTargeting(o)) {
    const doc::Node* min = h->spec() ? h->spec()->Get("minReplicas") : nullptr;
    if (!min || min->IsNull()) return 1;
    return min->AsInt();
  }
  return ReplicaCount(o);
}

HandlerList Handlers(const k8s::PodSpec& pod, const k8s::Container& c) {
  HandlerList out;
  for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
    const doc::Node* p = c.Get(probe);
    if (p && p->IsMap()) out.items[out.size++] = {probe, p, &pod, &c};
  }
  if (const doc::Node* lc = c.Get("lifecycle"); lc && lc->IsMap()) {
    for (std::string_view h : {"postStart", "preStop"}) {
      const doc::Node* p = lc->Get(h);
      if (p && p->IsMap()) out.items[out.size++] = {h, p, &pod, &c};
    }
  }
  return out;
}

std::string Handler::Path() const {
  bool lifecycle = name == "postStart" || name == "preStop";
  return container->Path(pod->spec_path) + (lifecycle ? ".lifecycle." : ".") + std::string(name);
}

bool SameTree(const doc::Node* a, const doc::Node* b) {
  if (a == b) return true;
  if (!a || !b || a->kind() != b->kind()) return false;
  if (a->IsScalar()) return a->text() == b->text();
  if (a->size() != b->size()) return false;
  if (a->IsSeq()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!SameTree(a->items()[i], b->items()[i])) return false;
    }
    return true;
  }
  for (const doc::Pair& p : a->pairs()) {
    if (!SameTree(p.value, b->Get(p.key->text()))) return false;
  }
  return true;
}

}  // namespace gori::rules
