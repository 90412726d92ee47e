// src/rules/compliance/lib/namespaces.h
//
// What the compliance rules and the evidence report know about a namespace: its Namespace
// object (when the bundle has one), its classification labels, whether it holds workloads, and
// which object a once-per-namespace finding attaches to. Pure functions over the Index; safe
// from any thread.
//
// Classification (label keys from ComplianceOptions): data class public | internal | personal |
// credit | cardholder; zone dmz | internal | mgmt; env prod | stage | dev. Values are matched
// exactly. A namespace is "regulated" when its data class is personal, credit or cardholder;
// "internal" when its zone or its data class is internal. Without the Namespace object in the
// bundle the classification is unknown and rules that depend on it stay silent.
#pragma once

#include <string_view>

#include "k8s/object.h"
#include "rules/compliance/lib/options.h"
#include "rules/index.h"
#include "rules/rule.h"

namespace gori::rules {

enum class DataClass : uint8_t { kUnknown, kPublic, kInternal, kPersonal, kCredit, kCardholder };
enum class Zone : uint8_t { kUnknown, kDmz, kInternal, kMgmt };
enum class Env : uint8_t { kUnknown, kProd, kStage, kDev };

struct Classification {
  const k8s::Object* ns_object = nullptr;  // the Namespace in the bundle, or null
  const doc::Node* data_class_node = nullptr;
  const doc::Node* zone_node = nullptr;
  const doc::Node* env_node = nullptr;
  DataClass data_class = DataClass::kUnknown;  // kUnknown also for a missing or invalid value
  Zone zone = Zone::kUnknown;
  Env env = Env::kUnknown;

  bool regulated() const {
    return data_class == DataClass::kPersonal || data_class == DataClass::kCredit ||
           data_class == DataClass::kCardholder;
  }
  bool internal() const { return zone == Zone::kInternal || data_class == DataClass::kInternal; }
  bool classified() const { return ns_object != nullptr; }
};

// The text of a scalar node ("" for null, maps, sequences and absent nodes).
std::string_view ScalarText(const doc::Node* n);

const k8s::Object* FindNamespaceObject(const Index& index, std::string_view ns);
Classification Classify(const ComplianceOptions& options, const Index& index, std::string_view ns);
Classification ClassifyObject(const ComplianceOptions& options, const k8s::Object* ns_object);

// The data-class / zone / env value sets, in order, for messages and docs.
std::string_view DataClassName(DataClass c);
std::string_view ZoneName(Zone z);
std::string_view EnvName(Env e);

// The namespace an object belongs to for compliance purposes: a Namespace object's own name;
// empty for cluster-scoped kinds (Index::IsClusterScoped, and custom kinds named Cluster*);
// else Index::Namespace ("default" when unset).
std::string_view NamespaceOf(const k8s::Object& o);

// Whether the bundle holds a pod-running object (Pod or workload with a template) in `ns`.
bool HasWorkloads(const Index& index, std::string_view ns);

// Once-per-namespace findings ("namespace X lacks ...") attach to the namespace's Namespace
// object when the bundle has it, else to the first workload of that namespace in bundle order.
// True when `o` is that object for a non-system namespace that holds workloads; `ns` receives
// the namespace.
bool IsNamespaceAnchor(const Context& ctx, const k8s::Object& o, std::string_view& ns);

// Where a finding about missing metadata points: metadata.labels, else metadata, else the root.
const doc::Node* LabelsAnchor(const k8s::Object& o);

// Repository match used by image lists: equal, or ending with "/" + entry.
bool RepoMatches(std::string_view repository, std::string_view entry);

// Severity helper: `regulated_severity` when the namespace is regulated, else `normal`.
inline Severity RaiseIf(bool cond, Severity normal, Severity raised) {
  return cond ? raised : normal;
}

}  // namespace gori::rules
