#include "rules/index.h"

#include <algorithm>
#include <array>
#include <functional>

#include <fmt/format.h>

#include "base/check.h"

namespace gori::rules {
namespace {

std::string_view Text(const doc::Node* n) {
  return n && n->IsScalar() && !n->IsNull() ? n->text() : std::string_view();
}

const std::vector<const k8s::Object*> kNoObjects;

// Custom resources known not to create pods, so a namespace holding them still has all its
// pods in the bundle. Whole groups, or "Kind.group" keys.
bool IsInertCustomResource(std::string_view kind_key, std::string_view group) {
  static constexpr std::string_view kGroups[] = {
      "cert-manager.io",
      "acme.cert-manager.io",
      "external-secrets.io",
      "bitnami.com",
      "networking.istio.io",
      "security.istio.io",
      "telemetry.istio.io",
      "traefik.io",
      "traefik.containo.us",
      "projectcontour.io",
      "policy.linkerd.io",
      "cilium.io",
      "kyverno.io",
      "templates.gatekeeper.sh",
      "constraints.gatekeeper.sh",
      "secrets-store.csi.x-k8s.io",
      "monitoring.googleapis.com",
  };
  static constexpr std::string_view kKinds[] = {
      "ServiceMonitor.monitoring.coreos.com",
      "PodMonitor.monitoring.coreos.com",
      "PrometheusRule.monitoring.coreos.com",
      "Probe.monitoring.coreos.com",
      "ScrapeConfig.monitoring.coreos.com",
      "AlertmanagerConfig.monitoring.coreos.com",
      "ScaledObject.keda.sh",
      "TriggerAuthentication.keda.sh",
      "ClusterTriggerAuthentication.keda.sh",
      "Application.argoproj.io",
      "ApplicationSet.argoproj.io",
      "AppProject.argoproj.io",
      "AnalysisTemplate.argoproj.io",
      "ClusterAnalysisTemplate.argoproj.io",
  };
  for (std::string_view g : kGroups) {
    if (g == group) return true;
  }
  for (std::string_view k : kKinds) {
    if (k == kind_key) return true;
  }
  return false;
}

}  // namespace

bool IsClusterScoped(std::string_view kind) {
  static constexpr std::array<std::string_view, 18> kKinds = {
      "Namespace",
      "Node",
      "PersistentVolume",
      "ClusterRole",
      "ClusterRoleBinding",
      "CustomResourceDefinition",
      "StorageClass",
      "PriorityClass",
      "ValidatingWebhookConfiguration",
      "MutatingWebhookConfiguration",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
      "APIService",
      "IngressClass",
      "RuntimeClass",
      "CSIDriver",
      "ClusterIssuer",
      "GatewayClass",
  };
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

bool IsBuiltinGroup(std::string_view group) {
  return group.empty() || group.find('.') == std::string_view::npos || group.ends_with(".k8s.io");
}

std::string KindKey(std::string_view group, std::string_view kind) {
  if (IsBuiltinGroup(group)) return std::string(kind);
  return fmt::format("{}.{}", kind, group);
}

std::string KindKey(const k8s::Object& o) { return KindKey(o.group(), o.kind()); }

std::string_view GroupOfApiVersion(std::string_view api_version) {
  auto slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

PolicyTypes EffectivePolicyTypes(const k8s::Object& policy) {
  return EffectivePolicyTypes(policy.spec());
}

PolicyTypes EffectivePolicyTypes(const doc::Node* spec) {
  PolicyTypes t;
  const doc::Node* types = spec ? spec->Get("policyTypes") : nullptr;
  if (types && types->IsSeq() && types->size() > 0) {
    for (const doc::Node* v : types->items()) {
      if (v->text() == "Ingress") t.ingress = true;
      if (v->text() == "Egress") t.egress = true;
    }
    return t;
  }
  // The API server's defaulting: Ingress always, Egress only when egress rules exist
  // (an empty `egress: []` does not count).
  t.defaulted = true;
  t.ingress = true;
  const doc::Node* egress = spec ? spec->Get("egress") : nullptr;
  t.egress = egress && egress->IsSeq() && egress->size() > 0;
  return t;
}

Index::Index(std::span<const k8s::Object> objects, bool complete)
    : objects_(objects), complete_(complete), facts_(objects.size()) {
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    const k8s::Object& o = objects_[i];
    Facts& f = facts_[i];
    f.ns = Namespace(o);
    if (o.kind().empty()) continue;
    auto it = by_kind_.try_emplace(KindKey(o)).first;
    it->second.push_back(&o);
    f.kind_key = it->first;
    by_kind_ns_[{f.kind_key, f.ns}].push_back(&o);
    by_name_.emplace(std::make_tuple(f.kind_key, f.ns, o.name()), &o);
    if (!IsBuiltinGroup(o.group()) && !o.pod() && !f.ns.empty() &&
        !IsInertCustomResource(f.kind_key, o.group())) {
      opaque_namespaces_.insert(f.ns);
    }
  }
  IndexPodOwners();
  ResolveServices();
  ResolvePdbs();
  ResolvePolicies();
  ResolveHpas();
  ResolveServiceMonitors();
  ResolveIngresses();
  ResolveRbac();
}

std::string_view Index::Namespace(const k8s::Object& o) {
  if (IsClusterScoped(o.kind())) return {};
  if (!o.namespace_().empty()) return o.namespace_();
  return o.unset_namespace().empty() ? std::string_view("default") : o.unset_namespace();
}

std::string_view Index::Shown(std::string_view ns) {
  // '@' never occurs in a namespace name (DNS-1123 label).
  return ns.substr(0, ns.find('@'));
}

std::size_t Index::Pos(const k8s::Object& o) const {
  std::less<const k8s::Object*> lt;
  GORI_CHECK(!objects_.empty() && !lt(&o, objects_.data()) &&
             lt(&o, objects_.data() + objects_.size()));
  return static_cast<std::size_t>(&o - objects_.data());
}

const std::vector<const k8s::Object*>& Index::OfKind(std::string_view kind_key) const {
  auto it = by_kind_.find(kind_key);
  return it == by_kind_.end() ? kNoObjects : it->second;
}

const std::vector<const k8s::Object*>& Index::OfKindIn(std::string_view kind_key,
                                                       std::string_view ns) const {
  auto it = by_kind_ns_.find({kind_key, ns});
  return it == by_kind_ns_.end() ? kNoObjects : it->second;
}

bool Index::HasNamespace(std::string_view ns) const {
  return !ns.empty() && Find("Namespace", "", ns) != nullptr;
}

bool Index::PodsKnown(std::string_view ns) const {
  if (complete_) return true;
  return !PodOwnersIn(ns).empty() && opaque_namespaces_.count(ns) == 0;
}

const k8s::Object* Index::Find(std::string_view kind_key, std::string_view ns,
                               std::string_view name) const {
  auto it = by_name_.find(std::make_tuple(kind_key, ns, name));
  return it == by_name_.end() ? nullptr : it->second;
}

const std::vector<const k8s::Object*>& Index::PodOwnersIn(std::string_view ns) const {
  auto it = namespaces_.find(ns);
  return it == namespaces_.end() ? kNoObjects : it->second.pod_owners;
}

bool Index::Selects(const k8s::Selector& selector, const k8s::Object& owner) {
  if (!owner.pod()) return false;
  if (owner.kind() == "Pod" && owner.group().empty())
    return selector.Matches(owner.pod()->labels());
  return selector.MatchesTemplate(owner.pod()->labels());
}

std::vector<const k8s::Object*> Index::SelectPodOwners(std::string_view ns,
                                                       const k8s::Selector& selector) const {
  std::vector<const k8s::Object*> out;
  if (selector.SelectsNothing()) return out;
  auto it = namespaces_.find(ns);
  if (it == namespaces_.end()) return out;
  const NamespaceData& nd = it->second;
  if (auto eq = selector.Equality()) {
    auto p = nd.postings.find(*eq);
    if (p == nd.postings.end()) return out;
    for (uint32_t i : p->second) {
      if (Selects(selector, *nd.pod_owners[i])) out.push_back(nd.pod_owners[i]);
    }
    return out;
  }
  for (const k8s::Object* o : nd.pod_owners) {
    if (Selects(selector, *o)) out.push_back(o);
  }
  return out;
}

const std::vector<const k8s::Object*>& Index::Selected(const k8s::Object& o) const {
  return facts_[Pos(o)].selected;
}
const std::vector<const k8s::Object*>& Index::ServicesSelecting(const k8s::Object& owner) const {
  return facts_[Pos(owner)].services;
}
const std::vector<const k8s::Object*>& Index::PdbsSelecting(const k8s::Object& owner) const {
  return facts_[Pos(owner)].pdbs;
}
const std::vector<const k8s::Object*>& Index::PoliciesSelecting(const k8s::Object& owner) const {
  return facts_[Pos(owner)].policies;
}
const std::vector<const k8s::Object*>& Index::HpasTargeting(const k8s::Object& workload) const {
  return facts_[Pos(workload)].hpas;
}
const std::vector<IngressBackend>& Index::IngressBackends(const k8s::Object& ingress) const {
  return facts_[Pos(ingress)].backends;
}

void Index::IndexPodOwners() {
  for (std::size_t i = 0; i < objects_.size(); ++i) {
    const k8s::Object& o = objects_[i];
    if (!o.pod() || (o.kind() == "PodTemplate" && o.group().empty())) continue;
    NamespaceData& nd = namespaces_[facts_[i].ns];
    auto pos = static_cast<uint32_t>(nd.pod_owners.size());
    nd.pod_owners.push_back(&o);
    if (const doc::Node* labels = o.pod()->labels()) {
      for (const doc::Pair& p : labels->pairs()) {
        std::vector<uint32_t>& list = nd.postings[{p.key->text(), p.value->text()}];
        // A duplicated label key must not list the owner twice.
        if (list.empty() || list.back() != pos) list.push_back(pos);
      }
    }
  }
}

void Index::ResolveServices() {
  for (const k8s::Object* s : OfKind("Service")) {
    const doc::Node* spec = s->spec();
    if (!spec || Text(spec->Get("type")) == "ExternalName") continue;
    const doc::Node* sel = spec->Get("selector");
    if (!sel || !sel->IsMap() || sel->size() == 0) continue;  // manual Endpoints
    Facts& f = FactsOf(s);
    f.selected = SelectPodOwners(f.ns, k8s::Selector::FromMap(sel, false));
    for (const k8s::Object* o : f.selected) FactsOf(o).services.push_back(s);
  }
}

void Index::ResolvePdbs() {
  for (const k8s::Object* pdb : OfKind("PodDisruptionBudget")) {
    const doc::Node* spec = pdb->spec();
    auto sel = k8s::Selector::FromLabelSelector(spec ? spec->Get("selector") : nullptr, false);
    if (!sel || sel->SelectsNothing()) continue;
    if (sel->SelectsAll() && pdb->api_version() == "policy/v1beta1") continue;
    Facts& f = FactsOf(pdb);
    f.selected = SelectPodOwners(f.ns, *sel);
    for (const k8s::Object* o : f.selected) FactsOf(o).pdbs.push_back(pdb);
  }
}

void Index::ResolvePolicies() {
  for (const k8s::Object* np : OfKind("NetworkPolicy")) {
    const doc::Node* spec = np->spec();
    auto sel = k8s::Selector::FromLabelSelector(spec ? spec->Get("podSelector") : nullptr, true);
    if (!sel) continue;
    Facts& f = FactsOf(np);
    f.selected = SelectPodOwners(f.ns, *sel);
    for (const k8s::Object* o : f.selected) FactsOf(o).policies.push_back(np);
  }
}

void Index::ResolveHpas() {
  for (const k8s::Object* h : OfKind("HorizontalPodAutoscaler")) {
    const doc::Node* spec = h->spec();
    const doc::Node* ref = spec ? spec->Get("scaleTargetRef") : nullptr;
    if (!ref) continue;
    std::string key =
        KindKey(GroupOfApiVersion(Text(ref->Get("apiVersion"))), Text(ref->Get("kind")));
    Facts& f = FactsOf(h);
    const k8s::Object* target = Find(key, f.ns, Text(ref->Get("name")));
    if (!target) continue;
    f.selected.push_back(target);
    FactsOf(target).hpas.push_back(h);
  }
}

void Index::ResolveServiceMonitors() {
  for (const k8s::Object* sm : OfKind("ServiceMonitor.monitoring.coreos.com")) {
    const doc::Node* spec = sm->spec();
    if (!spec) continue;
    auto sel = k8s::Selector::FromLabelSelector(spec->Get("selector"), true);
    if (!sel) continue;
    Facts& f = FactsOf(sm);
    const doc::Node* ns_sel = spec->Get("namespaceSelector");
    bool any = ns_sel && ns_sel->Get("any") && ns_sel->Get("any")->AsBool().value_or(false);
    const doc::Node* names = ns_sel ? ns_sel->Get("matchNames") : nullptr;
    for (const k8s::Object* s : OfKind("Service")) {
      std::string_view ns = FactsOf(s).ns;
      bool in_scope = any;
      if (!any && names && names->IsSeq() && names->size() > 0) {
        for (const doc::Node* n : names->items()) in_scope = in_scope || n->text() == ns;
      } else if (!any) {
        in_scope = ns == f.ns;
      }
      if (in_scope && sel->Matches(s->labels())) f.selected.push_back(s);
    }
  }
}

void Index::ResolveIngresses() {
  for (const k8s::Object* ing : OfKind("Ingress")) {
    const doc::Node* spec = ing->spec();
    if (!spec) continue;
    Facts& f = FactsOf(ing);
    auto add = [&](const doc::Node* b, std::string path) {
      if (!b || !b->IsMap()) return;
      IngressBackend be;
      be.at = b;
      be.path = std::move(path);
      if (const doc::Node* svc = b->Get("service"); svc && svc->IsMap()) {
        be.service = Text(svc->Get("name"));
        if (const doc::Node* port = svc->Get("port"); port && port->IsMap()) {
          be.port = port->Get("number");
          if (!be.port || be.port->IsNull()) be.port = port->Get("name");
        }
      } else if (const doc::Node* name = b->Get("serviceName")) {
        be.service = Text(name);
        be.port = b->Get("servicePort");
      }
      if (be.port && be.port->IsNull()) be.port = nullptr;
      if (!be.service.empty()) be.target = Find("Service", f.ns, be.service);
      f.backends.push_back(std::move(be));
    };
    add(spec->Get("defaultBackend"), "spec.defaultBackend");
    add(spec->Get("backend"), "spec.backend");
    if (const doc::Node* rules = spec->Get("rules")) {
      uint32_t i = 0;
      for (const doc::Node* r : rules->items()) {
        const doc::Node* http = r->Get("http");
        const doc::Node* paths = http ? http->Get("paths") : nullptr;
        uint32_t j = 0;
        for (const doc::Node* p : paths ? paths->items() : std::span<const doc::Node* const>()) {
          add(p->Get("backend"), fmt::format("spec.rules[{}].http.paths[{}].backend", i, j));
          ++j;
        }
        ++i;
      }
    }
    for (const IngressBackend& b : f.backends) {
      if (b.target &&
          std::find(f.selected.begin(), f.selected.end(), b.target) == f.selected.end()) {
        f.selected.push_back(b.target);
      }
    }
  }
}

void Index::ResolveRbac() {
  for (std::string_view kind : {"RoleBinding", "ClusterRoleBinding"}) {
    for (const k8s::Object* b : OfKind(kind)) {
      const doc::Node* subjects = b->root()->Get("subjects");
      if (!subjects) continue;
      std::string_view binding_ns = FactsOf(b).ns;
      for (const doc::Node* s : subjects->items()) {
        std::string_view skind = Text(s->Get("kind"));
        std::string_view name = Text(s->Get("name"));
        if (skind == "ServiceAccount") {
          std::string_view ns = Text(s->Get("namespace"));
          if (ns.empty()) ns = binding_ns;
          if (!ns.empty()) bound_accounts_.insert({ns, name});
        } else if (skind == "Group") {
          if (name == "system:serviceaccounts" || name == "system:authenticated") {
            all_accounts_bound_ = true;
          } else if (name.starts_with("system:serviceaccounts:")) {
            bound_account_namespaces_.insert(name.substr(23));
          }
        }
      }
    }
  }
}

bool Index::ServiceAccountBound(std::string_view ns, std::string_view name) const {
  return all_accounts_bound_ || bound_accounts_.count({ns, name}) > 0 ||
         bound_account_namespaces_.count(ns) > 0;
}

const k8s::Object* Index::RoleOf(const k8s::Object& binding) const {
  const doc::Node* ref = binding.root()->Get("roleRef");
  if (!ref) return nullptr;
  std::string_view kind = Text(ref->Get("kind"));
  std::string_view name = Text(ref->Get("name"));
  if (kind == "ClusterRole") return Find("ClusterRole", "", name);
  if (kind == "Role") return Find("Role", Namespace(binding), name);
  return nullptr;
}

}  // namespace gori::rules
