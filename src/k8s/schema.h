// src/k8s/schema.h
//
// The Kubernetes API schemas gori embeds (one per supported minor release, generated from the
// published OpenAPI definitions by scripts/gen-k8s-schemas into src/k8s/schema/). Only what
// validation needs is kept: the kinds each release serves, field names and types, required
// fields and the enums the API reference states in prose. Loaded once on first use from data
// compiled into the binary; immutable and shared by every thread afterwards.
//
// Types form a graph: a Type is a scalar, an array or map of another Type, or a reference to a
// named definition whose content may differ between releases (Schema::Definition resolves it).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace gori::k8s::schema {

enum class TypeKind : uint8_t {
  kAny,          // anything (free-form JSON, RawExtension)
  kRef,          // a named definition (arg: definition index)
  kArray,        // arg: element type
  kMap,          // string keys, arg: value type
  kString,       // arg: enum index, or kNoEnum
  kInteger,      //
  kNumber,       //
  kBoolean,      //
  kIntOrString,  //
  kQuantity,     // a resource quantity: number or string in quantity syntax
};
inline constexpr uint32_t kNoEnum = UINT32_MAX;

struct Type {
  TypeKind kind = TypeKind::kAny;
  uint32_t arg = 0;
};

struct Field {
  std::string_view name;
  uint32_t type;  // index into the type pool
};

// A named definition as one release has it: an object with fields (sorted by name) and a
// required list, or a plain type (`value`).
struct Definition {
  bool is_object = false;
  std::span<const Field> fields;
  std::span<const std::string_view> required;
  uint32_t value = 0;  // type when !is_object

  const Field* Find(std::string_view name) const;
};

struct Kind {
  std::string_view group;  // "" for the core group
  std::string_view version;
  std::string_view kind;
  uint32_t definition;
};

class Schemas;

// The API of one Kubernetes minor release.
class Release {
 public:
  int minor() const { return minor_; }
  // The definition of a kind this release serves, or nullptr.
  const Definition* KindDefinition(std::string_view group, std::string_view version,
                                   std::string_view kind) const;
  const Definition* Resolve(uint32_t definition) const;
  bool Serves(const Kind& k) const { return Resolve(k.definition) != nullptr; }

 private:
  friend class Schemas;
  const Schemas* schemas_ = nullptr;
  int minor_ = 0;
  std::vector<int32_t> variant_of_;  // definition index -> variant, -1 when absent
};

class Schemas {
 public:
  static const Schemas& Embedded();

  std::span<const Release> releases() const { return releases_; }
  const Release& Newest() const { return releases_.back(); }
  // The release for Kubernetes 1.`minor`, clamped into the embedded range.
  const Release& ForMinor(int minor) const;
  // The release a `kubernetes_version` setting ("1.31", "v1.31.2", "" = newest) selects.
  const Release& ForVersion(std::string_view version) const;

  std::span<const Kind> kinds() const { return kinds_; }
  // Whether `group` is one of Kubernetes' own API groups in the embedded data.
  bool IsBuiltinGroup(std::string_view group) const;
  const Type& type(uint32_t i) const { return types_[i]; }
  std::span<const std::string_view> enum_values(uint32_t i) const { return enums_[i]; }

  // Parses the text format written by scripts/gen-k8s-schemas; exposed for tests.
  static std::unique_ptr<const Schemas> Parse(std::string_view data);

 private:
  friend class Release;
  uint32_t ParseType(std::string_view& text);

  std::vector<Type> types_;
  std::vector<std::vector<std::string_view>> enums_;
  std::vector<std::vector<Field>> field_lists_;
  std::vector<std::vector<std::string_view>> required_lists_;
  std::vector<Definition> variants_;
  std::vector<Kind> kinds_;
  std::vector<std::string_view> groups_;
  std::vector<Release> releases_;
};

// Minor version of "1.29", "v1.29" or "1.29.3"; nullopt when not such a version.
std::optional<int> KubernetesMinor(std::string_view version);

}  // namespace gori::k8s::schema
