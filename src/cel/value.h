// src/cel/value.h
//
// A CEL value: a 16-byte tagged union that is either a scalar held inline, a view onto memory
// owned by someone else (a doc::Node of the object under evaluation, a string of the compiled
// expression) or a view onto memory in the evaluation's Arena (what expressions build). Values
// are trivially copyable and never own anything, so they live in arenas and are passed by value.
// A Value is valid as long as the documents it views and the Arena of its evaluation live.
//
// Lists and maps come in two representations: built (an arena array of Values / entries) and
// document (a doc::Node sequence or mapping read in place, scalars typed as Kubernetes reads
// them: YAML 1.1 for plain YAML scalars, JSON types for JSON). Accessors hide the difference.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "doc/node.h"

namespace gori {
class Arena;
}

namespace gori::cel {

enum class Kind : uint8_t {
  kNull,
  kBool,
  kInt,
  kUint,
  kDouble,
  kString,
  kBytes,
  kList,
  kMap,
  kType,
  kTimestamp,
  kDuration,
  kOptional,
  kOpaque,  // a library type (quantity, IP, CIDR, URL, semver, format, authorizer...)
  kError,
};

struct Value;
struct MapEntry;

// Library types plug in through this table: name for type(), equality, and a text form.
struct OpaqueType {
  std::string_view name;
  bool (*equal)(const void* a, const void* b);
  std::string (*to_string)(const void* data);  // string(x); nullptr: no conversion
};

// An opaque value's type and data, kept together in the arena (or in static storage).
struct OpaqueBox {
  const OpaqueType* type;
  const void* data;
};

struct ErrorInfo {
  std::string_view message;
  uint32_t offset;  // where in the expression the error arose (byte offset)
  bool cost_exceeded;
};

// The marker of a variable not yet computed (Value::Lazy): one object, compared by address.
inline constexpr ErrorInfo kLazyMarker{"variable not yet computed", 0, false};

struct Value {
  Kind kind = Kind::kNull;
  uint8_t doc = 0;  // lists/maps: 1 when `node` is a doc::Node read in place
  uint16_t aux = 0;
  uint32_t size = 0;  // string/bytes/list/map length, timestamp/duration nanos
  union {
    bool b;
    int64_t i;
    uint64_t u;
    double d;
    const char* s;
    const Value* items;
    const MapEntry* entries;
    const doc::Node* node;
    const Value* opt;  // optional: nullptr = none
    const OpaqueBox* box;
    const ErrorInfo* err;
    const void* ptr;
  };

  Value() : i(0) {}

  static Value Null() { return Value(); }
  static Value Bool(bool v) {
    Value r;
    r.kind = Kind::kBool;
    r.b = v;
    return r;
  }
  static Value Int(int64_t v) {
    Value r;
    r.kind = Kind::kInt;
    r.i = v;
    return r;
  }
  static Value Uint(uint64_t v) {
    Value r;
    r.kind = Kind::kUint;
    r.u = v;
    return r;
  }
  static Value Double(double v) {
    Value r;
    r.kind = Kind::kDouble;
    r.d = v;
    return r;
  }
  static Value String(std::string_view v) {
    Value r;
    r.kind = Kind::kString;
    r.s = v.data();
    r.size = static_cast<uint32_t>(v.size());
    return r;
  }
  static Value Bytes(std::string_view v) {
    Value r = String(v);
    r.kind = Kind::kBytes;
    return r;
  }
  static Value List(const Value* items, uint32_t n) {
    Value r;
    r.kind = Kind::kList;
    r.items = items;
    r.size = n;
    return r;
  }
  static Value Map(const MapEntry* entries, uint32_t n) {
    Value r;
    r.kind = Kind::kMap;
    r.entries = entries;
    r.size = n;
    return r;
  }
  // A type value; the name is a view with static or compiled-expression storage.
  static Value Type(std::string_view name) {
    Value r = String(name);
    r.kind = Kind::kType;
    return r;
  }
  static Value Timestamp(int64_t seconds, uint32_t nanos) {
    Value r;
    r.kind = Kind::kTimestamp;
    r.i = seconds;
    r.size = nanos;
    return r;
  }
  // Durations are normalised: nanos in [0, 1e9), the sign carried by seconds (floor form).
  static Value Duration(int64_t seconds, uint32_t nanos) {
    Value r = Timestamp(seconds, nanos);
    r.kind = Kind::kDuration;
    return r;
  }
  static Value None() {
    Value r;
    r.kind = Kind::kOptional;
    r.opt = nullptr;
    return r;
  }
  // `inner` must outlive the value (arena storage).
  static Value Some(const Value* inner) {
    Value r;
    r.kind = Kind::kOptional;
    r.opt = inner;
    return r;
  }
  static Value Opaque(const OpaqueBox* box) {
    Value r;
    r.kind = Kind::kOpaque;
    r.box = box;
    return r;
  }
  const OpaqueType* otype() const { return box->type; }
  const void* opaque_data() const { return box->data; }

  // A value read from a document node, scalars converted, collections viewed in place.
  static Value FromNode(const doc::Node* n);

  // A variable whose value is computed on first read (see LazyResolver in eval.h).
  static Value Lazy() {
    Value r;
    r.kind = Kind::kError;
    r.err = &kLazyMarker;
    return r;
  }
  bool IsLazy() const { return kind == Kind::kError && err == &kLazyMarker; }

  bool IsError() const { return kind == Kind::kError; }
  std::string_view str() const { return {s, size}; }
  bool IsDocList() const { return kind == Kind::kList && doc; }
  bool IsDocMap() const { return kind == Kind::kMap && doc; }
  uint32_t Size() const { return size; }
};

static_assert(sizeof(Value) == 16, "values are passed and stored by value everywhere");

struct MapEntry {
  Value key;
  Value value;
};

// List element i (requires i < size).
Value ListAt(const Value& list, uint32_t i);
// Map entry i (requires i < size); keys of document maps are strings.
MapEntry MapAt(const Value& map, uint32_t i);
// Looks a key up (CEL key equality: numbers compare across int/uint/double). Found: true.
bool MapFind(const Value& map, const Value& key, Value* out);
// Field of a map by string key, the common path of `a.b` selection.
bool MapFindString(const Value& map, std::string_view key, Value* out);

// Heterogeneous CEL equality. Returns false for different kinds (numbers excepted); errors
// never reach here.
bool Equal(const Value& a, const Value& b);

// -1, 0, 1, or 2 when unordered (NaN, incomparable kinds).
int Compare(const Value& a, const Value& b);

// The CEL type name of a value (`int`, `list`, `google.protobuf.Timestamp`, ...).
std::string_view TypeName(const Value& v);

// Text form for diagnostics and the conformance runner (CEL-like literal syntax).
std::string DebugString(const Value& v);

}  // namespace gori::cel
