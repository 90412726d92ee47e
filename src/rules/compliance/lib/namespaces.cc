#include "rules/compliance/lib/namespaces.h"

#include "rules/config.h"

namespace gori::rules {
namespace {

const doc::Node* NamespaceLabel(const k8s::Object* ns_object, std::string_view key) {
  if (!ns_object || key.empty()) return nullptr;
  const doc::Node* n = ns_object->Label(key);
  return n && n->IsScalar() && !n->IsNull() ? n : nullptr;
}

}  // namespace

std::string_view ScalarText(const doc::Node* n) {
  return n && n->IsScalar() && !n->IsNull() ? n->text() : std::string_view();
}

std::string_view DataClassName(DataClass c) {
  switch (c) {
    case DataClass::kUnknown:
      return "";
    case DataClass::kPublic:
      return "public";
    case DataClass::kInternal:
      return "internal";
    case DataClass::kPersonal:
      return "personal";
    case DataClass::kCredit:
      return "credit";
    case DataClass::kCardholder:
      return "cardholder";
  }
  return "";
}

std::string_view ZoneName(Zone z) {
  switch (z) {
    case Zone::kUnknown:
      return "";
    case Zone::kDmz:
      return "dmz";
    case Zone::kInternal:
      return "internal";
    case Zone::kMgmt:
      return "mgmt";
  }
  return "";
}

std::string_view EnvName(Env e) {
  switch (e) {
    case Env::kUnknown:
      return "";
    case Env::kProd:
      return "prod";
    case Env::kStage:
      return "stage";
    case Env::kDev:
      return "dev";
  }
  return "";
}

const k8s::Object* FindNamespaceObject(const Index& index, std::string_view ns) {
  if (ns.empty()) return nullptr;
  for (const k8s::Object* o : index.OfKind("Namespace")) {
    if (o->name() == ns && o->group().empty()) return o;
  }
  return nullptr;
}

Classification ClassifyObject(const ComplianceOptions& options, const k8s::Object* ns_object) {
  Classification c;
  c.ns_object = ns_object;
  if (!ns_object) return c;
  c.data_class_node = NamespaceLabel(ns_object, options.data_class_label);
  c.zone_node = NamespaceLabel(ns_object, options.zone_label);
  c.env_node = NamespaceLabel(ns_object, options.env_label);
  std::string_view dc = ScalarText(c.data_class_node);
  for (DataClass v : {DataClass::kPublic, DataClass::kInternal, DataClass::kPersonal,
                      DataClass::kCredit, DataClass::kCardholder}) {
    if (dc == DataClassName(v)) c.data_class = v;
  }
  std::string_view zone = ScalarText(c.zone_node);
  for (Zone v : {Zone::kDmz, Zone::kInternal, Zone::kMgmt}) {
    if (zone == ZoneName(v)) c.zone = v;
  }
  std::string_view env = ScalarText(c.env_node);
  for (Env v : {Env::kProd, Env::kStage, Env::kDev}) {
    if (env == EnvName(v)) c.env = v;
  }
  return c;
}

Classification Classify(const ComplianceOptions& options, const Index& index, std::string_view ns) {
  return ClassifyObject(options, FindNamespaceObject(index, ns));
}

std::string_view NamespaceOf(const k8s::Object& o) {
  if (o.kind() == "Namespace" && o.group().empty()) return o.name();
  // Cluster-scoped custom resources the index does not know: Kyverno ClusterPolicy, Sigstore
  // ClusterImagePolicy, cert-manager ClusterIssuer, ... (by the `Cluster` naming convention),
  // and Kyverno's ImageValidatingPolicy.
  if (o.namespace_().empty() &&
      (o.kind().starts_with("Cluster") ||
       (o.group() == "policies.kyverno.io" && o.kind() == "ImageValidatingPolicy"))) {
    return {};
  }
  return Index::Namespace(o);
}

bool HasWorkloads(const Index& index, std::string_view ns) {
  if (ns.empty()) return false;
  for (const k8s::Object& o : index.objects()) {
    if (o.pod() && Index::Namespace(o) == ns) return true;
  }
  return false;
}

bool IsNamespaceAnchor(const Context& ctx, const k8s::Object& o, std::string_view& ns) {
  bool is_namespace = o.kind() == "Namespace" && o.group().empty();
  if (!is_namespace && !o.pod()) return false;
  ns = NamespaceOf(o);
  if (ns.empty() || ctx.config.IsSystemNamespace(ns)) return false;
  if (is_namespace) {
    // A duplicated Namespace object reports once, on its first occurrence.
    return FindNamespaceObject(ctx.index, ns) == &o && HasWorkloads(ctx.index, ns);
  }
  if (FindNamespaceObject(ctx.index, ns)) return false;
  for (const k8s::Object& other : ctx.index.objects()) {
    if (other.pod() && Index::Namespace(other) == ns) return &other == &o;
  }
  return false;
}

const doc::Node* LabelsAnchor(const k8s::Object& o) {
  if (const doc::Node* l = o.labels(); l && l->IsMap()) return l;
  if (o.metadata()) return o.metadata();
  return o.root();
}

bool RepoMatches(std::string_view repository, std::string_view entry) {
  if (entry.empty()) return false;
  if (repository == entry) return true;
  return repository.size() > entry.size() && repository.ends_with(entry) &&
         repository[repository.size() - entry.size() - 1] == '/';
}

}  // namespace gori::rules
