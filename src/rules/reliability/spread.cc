// rel-spread: replicas scheduled onto one node or zone fail together.
#include "rules/index.h"
#include "rules/reliability/lib/workloads.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

bool IsSpreadKey(std::string_view key) {
  return key == "kubernetes.io/hostname" || key == "topology.kubernetes.io/zone" ||
         key == "failure-domain.beta.kubernetes.io/zone";
}

// Whether an anti-affinity term keeps the workload's own replicas apart: it looks at the pod's
// own namespace unless an explicit `namespaces` list (without a namespaceSelector, which may
// add any namespace) leaves that namespace out. `own` is empty when the object names no
// namespace: it may be applied to any of the listed ones.
bool SeesOwnNamespace(const doc::Node* term, std::string_view own) {
  const doc::Node* list = term->Get("namespaces");
  if (!list || !list->IsSeq() || list->size() == 0 || term->Get("namespaceSelector")) return true;
  if (own.empty()) return true;
  for (const doc::Node* n : list->items()) {
    if (n->IsScalar() && n->text() == own) return true;
  }
  return false;
}

bool Spreads(const doc::Node* term, std::string_view own) {
  return term && term->IsMap() && IsSpreadKey(Text(term->Get("topologyKey"))) &&
         SeesOwnNamespace(term, own);
}

bool HasAntiAffinity(const k8s::PodSpec& pod, std::string_view own) {
  const doc::Node* aff = pod.Get("affinity");
  const doc::Node* anti = aff ? aff->Get("podAntiAffinity") : nullptr;
  if (!anti) return false;
  if (const doc::Node* req = anti->Get("requiredDuringSchedulingIgnoredDuringExecution")) {
    for (const doc::Node* t : req->items()) {
      if (Spreads(t, own)) return true;
    }
  }
  if (const doc::Node* pref = anti->Get("preferredDuringSchedulingIgnoredDuringExecution")) {
    for (const doc::Node* w : pref->items()) {
      if (Spreads(w->Get("podAffinityTerm"), own)) return true;
    }
  }
  return false;
}

bool HasSpreadConstraint(const k8s::PodSpec& pod) {
  const doc::Node* tsc = pod.Get("topologySpreadConstraints");
  if (!tsc) return false;
  for (const doc::Node* c : tsc->items()) {
    if (IsSpreadKey(Text(c->Get("topologyKey")))) return true;
  }
  return false;
}

class Spread final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-spread",
        .family = Family::kReliability,
        .severity = Severity::kMedium,
        .summary =
            "a multi-replica workload has no pod anti-affinity or topology spread over "
            "hosts or zones",
        .rationale =
            "Without a spreading rule the scheduler may place several replicas on one "
            "node or in one zone (the cluster's default spreading is only a soft "
            "preference), and a single node or zone failure takes them all. The replica "
            "count is the HPA's maxReplicas when an HPA in the bundle scales the workload.",
        .remediation =
            "Add topologySpreadConstraints on topology.kubernetes.io/zone and/or "
            "kubernetes.io/hostname (or a preferred podAntiAffinity on the hostname).",
        .failing_example = "spec:\n  replicas: 3\n  template:\n    spec:\n      containers: [...]",
        .passing_example =
            "topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: "
            "topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n  "
            "labelSelector: {matchLabels: {app: api}}",
        .cross_resource = true,
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (!IsRolledOut(o)) return;
    auto max = MaxReplicaCount(ctx, o);
    if (!max || *max < 2) return;
    const k8s::PodSpec& pod = *o.pod();
    if (HasAntiAffinity(pod, o.namespace_()) || HasSpreadConstraint(pod)) return;
    out.Reportf(*this, o, pod.spec, pod.spec_path,
                "{} '{}' runs up to {} replicas with no anti-affinity or topology spread over "
                "hosts or zones",
                o.kind(), o.name(), *max);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::Spread)
