// src/k8s/defaults.h
//
// What the API server's defaulting gives a built-in object before validating admission, as an
// overlay on the object as written: for a map of the object and a key the map lacks (or holds
// null), the value the API server would have set there. Admission policies read objects through
// it, so `gori check` sees `spec.replicas: 1` on a Deployment that leaves replicas out, as a
// policy in the cluster does. Only the defaults of the built-in kinds' registered API versions;
// a custom resource gets those of its CRD's structural schema when the caller has it. Every kind's
// `metadata.name`, when only `generateName` is written, is the generated name (its suffix
// "xxxxx" offline, where the API server's is random).
//
// The overlay is built on the first lookup that misses, so objects whose policies read only
// written fields pay nothing. Default values are nodes of a static document, or nodes of the
// object itself where the API server copies a field (a Service port's targetPort is its port).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "k8s/object.h"

namespace gori::k8s {

class Defaults {
 public:
  // `crd_schema`: for a custom resource, the openAPIV3Schema of its version in its
  // CustomResourceDefinition, whose `default`s the API server applies as it decodes the object
  // (nullptr: none known).
  explicit Defaults(const Object& object, const doc::Node* crd_schema = nullptr)
      : object_(object), schema_(crd_schema) {}
  Defaults(const Defaults&) = delete;  // defaults may view the object's own storage
  Defaults& operator=(const Defaults&) = delete;

  // The default of `key` in `map` (a map node of the object that lacks `key` or holds null
  // there), or nullptr when the API server sets none.
  const doc::Node* Find(const doc::Node* map, std::string_view key) const;

  // What a map of the object is, for the defaults of its keys.
  enum class Role : uint8_t;

 private:
  struct Entry {
    const doc::Node* map;
    Role role;
    const doc::Node* context;  // what a default depends on (a container's image, ...)
  };
  void Build() const;
  void AddPodSpec(const PodSpec& pod, bool is_pod) const;
  void AddContainer(const doc::Node* container, bool requests_from_limits, bool host_network) const;
  void Add(const doc::Node* map, Role role, const doc::Node* context = nullptr) const;
  const doc::Node* Lookup(Entry e, std::string_view key) const;
  void AddSchema(const doc::Node* value, const doc::Node* schema, uint32_t depth) const;
  const doc::Node* SchemaDefault(const Entry& e, std::string_view key) const;
  const doc::Node* GeneratedName(const doc::Node* generate_name) const;

  const Object& object_;
  const doc::Node* schema_;
  mutable bool built_ = false;
  mutable std::vector<const doc::Node*> walked_defaults_;  // schema defaults AddSchema walked
  mutable std::vector<Entry> entries_;
  mutable std::string generated_name_text_;  // the text generated_name_ views
  mutable std::optional<doc::Node> generated_name_;
};

}  // namespace gori::k8s
