// src/rules/index.h
//
// The namespace-aware view of the whole checked bundle that cross-resource rules consult.
// Built once per run (Engine::Run, never per rule) from the objects; holds pointers and views
// into them, never copies of the trees. Every relation is resolved at construction with maps
// (label postings per namespace), so rules ask in O(answer) and big bundles stay linear.
//
// Semantics follow the Kubernetes API:
// - Objects without metadata.namespace are in the namespace they will be applied to: within
//   one input they share a key ("default@<input>", see k8s::Bundle::Finish), so unrelated
//   applications checked together never see each other's Services, Secrets or PDBs; a bundle
//   of one input (and the webhook) keeps plain "default", what `kubectl apply` does without
//   -n. Cluster-scoped kinds have no namespace. Nothing ever matches across namespaces, except
//   where the API says so (ServiceMonitor namespaceSelector, RBAC subjects naming another
//   namespace).
// - Kinds are keyed by name for Kubernetes' own API groups ("Service", "Deployment") and by
//   "Kind.group" for other groups ("Rollout.argoproj.io", "Service.serving.knative.dev"), so a
//   Knative Service is never taken for a core Service. KindKey() builds the key.
// - Pod owners are the objects that run pods: Pods and every object with a pod template
//   (Deployment, StatefulSet, Job, CronJob, Argo Rollout, ... and configured CRDs), except the
//   core PodTemplate kind, which runs nothing. Selectors are matched against a Pod's labels
//   strictly, and against a template's labels with controller-set keys (pod-template-hash,
//   statefulset.kubernetes.io/pod-name, ...) taken as met, since the pods will carry them.
// - Service: `spec.selector` absent or `{}` selects nothing (manual Endpoints; ExternalName).
//   PodDisruptionBudget: absent selects nothing; `{}` selects every pod (policy/v1) or nothing
//   (policy/v1beta1). NetworkPolicy: `podSelector` absent or `{}` selects every pod of its
//   namespace; policyTypes defaults to [Ingress], plus Egress when `egress` has rules.
//
// Cross-resource rules speak only when the bundle can know the answer: Knows(kind, ns) says
// the bundle defines objects of that kind in that namespace (or the run is configured as a
// complete bundle); Covers(kind, ns) additionally accepts a bundle that defines the Namespace
// object itself, which is enough to say something is absent. PodsKnown(ns) says the bundle's
// pod owners are all the pods a selector could reach: it has pod owners there and no custom
// resource whose controller may create pods (an operator's database, a Prometheus, ...).
//
// Rules that need their own per-run map (e.g. every Ingress host) build it once with Memo().
// Thread-compatible: one Index serves one run on one thread.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "k8s/object.h"
#include "k8s/selector.h"

namespace gori::rules {

bool IsClusterScoped(std::string_view kind);
// True for Kubernetes' own API groups ("", apps, batch, policy, *.k8s.io, ...).
bool IsBuiltinGroup(std::string_view group);
// "Deployment" for apps/Deployment, "Rollout.argoproj.io" for argoproj.io/Rollout.
std::string KindKey(std::string_view group, std::string_view kind);
std::string KindKey(const k8s::Object& o);
// API group of an apiVersion string ("" for "v1", "apps" for "apps/v1").
std::string_view GroupOfApiVersion(std::string_view api_version);

// A NetworkPolicy direction.
enum class Direction : uint8_t { kIngress, kEgress };

// NetworkPolicy spec.policyTypes with the API server's defaulting applied: a list that is given
// is used as written; an absent or empty one means [Ingress], plus Egress when the policy has at
// least one egress rule (`egress: []` adds nothing).
struct PolicyTypes {
  bool ingress = false;
  bool egress = false;
  bool defaulted = false;  // computed by the defaulting, not written
  bool Has(Direction d) const { return d == Direction::kIngress ? ingress : egress; }
};
PolicyTypes EffectivePolicyTypes(const doc::Node* spec);
PolicyTypes EffectivePolicyTypes(const k8s::Object& policy);

// One backend of an Ingress (a path's backend or the default backend).
struct IngressBackend {
  const doc::Node* at = nullptr;        // the backend map
  std::string path;                     // "spec.rules[0].http.paths[1].backend"
  std::string_view service;             // "" for resource backends
  const doc::Node* port = nullptr;      // number or name node; null when missing
  const k8s::Object* target = nullptr;  // the Service in the bundle, or null
};

class Index {
 public:
  // `complete` declares that the bundle holds every object of its namespaces (config
  // `complete_bundle`), so absent means absent.
  explicit Index(std::span<const k8s::Object> objects, bool complete = false);

  std::span<const k8s::Object> objects() const { return objects_; }
  bool complete() const { return complete_; }

  // The join key of the object's namespace: metadata.namespace; when unset, the input's key
  // or "default"; "" for cluster-scoped kinds.
  static std::string_view Namespace(const k8s::Object& o);
  // A namespace key as users read it: "default" for the key of an unset namespace.
  static std::string_view Shown(std::string_view ns);

  // Objects of a kind key (see KindKey), in bundle order.
  const std::vector<const k8s::Object*>& OfKind(std::string_view kind_key) const;
  const std::vector<const k8s::Object*>& OfKindIn(std::string_view kind_key,
                                                  std::string_view ns) const;
  bool Defines(std::string_view kind_key, std::string_view ns) const {
    return !OfKindIn(kind_key, ns).empty();
  }
  // The bundle defines a Namespace object named `ns`.
  bool HasNamespace(std::string_view ns) const;
  // Whether a missing reference to a `kind_key` object in `ns` is a real finding.
  bool Knows(std::string_view kind_key, std::string_view ns) const {
    return complete_ || Defines(kind_key, ns);
  }
  // Whether "no `kind_key` object in `ns` does X" is a real finding.
  bool Covers(std::string_view kind_key, std::string_view ns) const {
    return Knows(kind_key, ns) || HasNamespace(ns);
  }
  // See above: selectors that match nothing in `ns` really match nothing.
  bool PodsKnown(std::string_view ns) const;
  // The first object with that identity (`ns` "" for cluster-scoped kinds).
  const k8s::Object* Find(std::string_view kind_key, std::string_view ns,
                          std::string_view name) const;

  // Pod owners (see above) of a namespace, in bundle order.
  const std::vector<const k8s::Object*>& PodOwnersIn(std::string_view ns) const;
  // Pod owners of `ns` that `selector` selects.
  std::vector<const k8s::Object*> SelectPodOwners(std::string_view ns,
                                                  const k8s::Selector& selector) const;
  // Whether `selector` selects `owner`'s pods (strict for Pods, template rules otherwise).
  static bool Selects(const k8s::Selector& selector, const k8s::Object& owner);

  // Relations of one object (which must be one of objects()).
  // Pod owners a Service, PodDisruptionBudget or NetworkPolicy selects; the workload an HPA
  // scales; the Services a ServiceMonitor selects.
  const std::vector<const k8s::Object*>& Selected(const k8s::Object& o) const;
  const std::vector<const k8s::Object*>& ServicesSelecting(const k8s::Object& owner) const;
  const std::vector<const k8s::Object*>& PdbsSelecting(const k8s::Object& owner) const;
  const std::vector<const k8s::Object*>& PoliciesSelecting(const k8s::Object& owner) const;
  const std::vector<const k8s::Object*>& HpasTargeting(const k8s::Object& workload) const;
  const std::vector<IngressBackend>& IngressBackends(const k8s::Object& ingress) const;

  // A value `build()` computes once per run and per `key` (a rule's address), for rules that
  // need a map over the whole bundle.
  template <typename T, typename Build>
  const T& Memo(const void* key, Build build) const {
    auto it = memo_.find(key);
    if (it == memo_.end()) it = memo_.emplace(key, std::make_shared<T>(build())).first;
    return *static_cast<const T*>(it->second.get());
  }

  // RBAC. Whether any RoleBinding/ClusterRoleBinding of the bundle grants something to the
  // ServiceAccount (by name, or through the system:serviceaccounts[:ns] groups).
  bool ServiceAccountBound(std::string_view ns, std::string_view name) const;
  // The Role or ClusterRole a binding's roleRef names, or null when not in the bundle.
  const k8s::Object* RoleOf(const k8s::Object& binding) const;

 private:
  struct Facts {
    std::string_view ns;
    std::string_view kind_key;  // a key of by_kind_
    std::vector<const k8s::Object*> selected;
    std::vector<const k8s::Object*> services;
    std::vector<const k8s::Object*> pdbs;
    std::vector<const k8s::Object*> policies;
    std::vector<const k8s::Object*> hpas;
    std::vector<IngressBackend> backends;
  };
  struct PairHash {
    std::size_t operator()(const std::pair<std::string_view, std::string_view>& p) const {
      std::size_t a = std::hash<std::string_view>()(p.first);
      return a ^ (std::hash<std::string_view>()(p.second) + 0x9e3779b97f4a7c15ULL + (a << 6) +
                  (a >> 2));
    }
  };
  struct NamespaceData {
    std::vector<const k8s::Object*> pod_owners;
    // label key=value -> positions in pod_owners
    std::unordered_map<std::pair<std::string_view, std::string_view>, std::vector<uint32_t>,
                       PairHash>
        postings;
  };

  std::size_t Pos(const k8s::Object& o) const;
  Facts& FactsOf(const k8s::Object* o) { return facts_[Pos(*o)]; }
  void IndexPodOwners();
  void ResolveServices();
  void ResolvePdbs();
  void ResolvePolicies();
  void ResolveHpas();
  void ResolveServiceMonitors();
  void ResolveIngresses();
  void ResolveRbac();

  std::span<const k8s::Object> objects_;
  bool complete_;
  std::vector<Facts> facts_;
  std::map<std::string, std::vector<const k8s::Object*>, std::less<>> by_kind_;
  std::map<std::pair<std::string_view, std::string_view>, std::vector<const k8s::Object*>>
      by_kind_ns_;
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, const k8s::Object*>
      by_name_;
  std::map<std::string_view, NamespaceData, std::less<>> namespaces_;
  std::set<std::pair<std::string_view, std::string_view>> bound_accounts_;  // (ns, name)
  std::set<std::string_view> bound_account_namespaces_;  // system:serviceaccounts:<ns>
  bool all_accounts_bound_ = false;
  std::set<std::string_view> opaque_namespaces_;  // custom resources that may create pods
  mutable std::unordered_map<const void*, std::shared_ptr<void>> memo_;
};

}  // namespace gori::rules
