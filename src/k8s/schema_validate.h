// src/k8s/schema_validate.h
//
// Validates manifest objects the way the API server would decode them: the kind must be served
// by the target release (built-in groups) or defined by a CustomResourceDefinition; every field
// must exist (unknown fields are dropped by the API server unless strict field validation is
// on), have the right type (string, integer, number, boolean, object, list, int-or-string,
// quantity syntax), hold an allowed enum value, and required fields must be present;
// metadata.name must have the syntax its kind demands. Each issue points at the offending node
// (a missing field: at its parent's key). Objects of a removed or not-yet-served API version
// are left to the API lifecycle check (api_lifecycle.h) and not validated.
//
// Hot path: a walk of the tree against the schema graph, no allocation until an issue is found.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "k8s/object.h"
#include "k8s/schema.h"

namespace gori::k8s {

enum class SchemaIssueKind : uint8_t {
  kUnknownKind,
  kUnknownField,
  kType,
  kEnum,
  kRequired,
  kName
};

struct SchemaIssue {
  SchemaIssueKind kind;
  const doc::Node* at;
  std::string path;
  std::string message;
};

// The CustomResourceDefinitions a run knows (from its input and from --crd-schemas): the
// openAPIV3Schema of each served version, as doc nodes of the CRD objects (which must outlive
// the catalog).
class CrdCatalog {
 public:
  struct Version {
    std::string_view name;
    const doc::Node* schema;  // openAPIV3Schema, or nullptr when the CRD has none
  };
  struct Entry {
    std::string_view group;
    std::string_view kind;
    std::vector<Version> versions;
  };
  // Adds `o` when it is a CustomResourceDefinition (apiextensions.k8s.io v1 or v1beta1).
  void Add(const Object& o);
  const Entry* Find(std::string_view group, std::string_view kind) const;
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

struct SchemaOptions {
  const schema::Release* release = nullptr;
  std::span<const CrdCatalog* const> crds;
  // Report custom resources whose CustomResourceDefinition is unknown.
  bool strict_kinds = false;
};

void ValidateObject(const Object& o, const SchemaOptions& options, std::vector<SchemaIssue>& out);

// The candidate closest to `word` (case-insensitive edit distance), or "" when none is close.
std::string_view Nearest(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace gori::k8s
