// src/doc/node.h
//
// The format-neutral document tree that YAML and JSON loaders build and every rule reads.
// Nodes live in an Arena owned by the loaded file and are immutable once built; children are
// arena arrays. Every node carries the 1-based line and column where it starts in its Source.
//
// Scalars keep the text as written (after unescaping) plus the tag Kubernetes would resolve it
// to: YAML 1.1 rules for plain YAML scalars (`on`, `y`, `no` are booleans, `0755` is octal),
// JSON types for JSON. Rules ask for typed values (AsBool, AsInt) and can still see the
// original text and whether it was quoted (`plain()`), which is what YAML-trap rules need.
//
// Maps keep every pair in source order, duplicates included; Get() returns the last one
// (what Kubernetes' decoder keeps). Aliases share the anchored subtree (no copy).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

namespace gori::doc {

enum class NodeKind : uint8_t { kScalar, kMap, kSeq };
enum class ScalarTag : uint8_t { kNull, kBool, kInt, kFloat, kString };

struct Pair;

class Node {
 public:
  NodeKind kind() const { return kind_; }
  bool IsMap() const { return kind_ == NodeKind::kMap; }
  bool IsSeq() const { return kind_ == NodeKind::kSeq; }
  bool IsScalar() const { return kind_ == NodeKind::kScalar; }
  bool IsNull() const { return kind_ == NodeKind::kScalar && tag_ == ScalarTag::kNull; }
  bool IsString() const { return kind_ == NodeKind::kScalar && tag_ == ScalarTag::kString; }
  bool IsBool() const { return kind_ == NodeKind::kScalar && tag_ == ScalarTag::kBool; }
  bool IsInt() const { return kind_ == NodeKind::kScalar && tag_ == ScalarTag::kInt; }
  bool IsNumber() const {
    return kind_ == NodeKind::kScalar && (tag_ == ScalarTag::kInt || tag_ == ScalarTag::kFloat);
  }
  ScalarTag tag() const { return tag_; }
  // True for an unquoted YAML scalar (style matters for YAML 1.1 traps); false for JSON.
  bool plain() const { return plain_; }

  uint32_t line() const { return line_; }
  uint32_t column() const { return column_; }

  // Scalar text as written, unescaped. Empty for maps and sequences.
  std::string_view text() const {
    return kind_ == NodeKind::kScalar ? std::string_view(static_cast<const char*>(ptr_), size_)
                                      : std::string_view();
  }
  // The scalar's text when it is a string (not a bool/number/null), else empty optional.
  std::optional<std::string_view> AsString() const {
    if (IsString()) return text();
    return std::nullopt;
  }
  std::optional<bool> AsBool() const;
  std::optional<int64_t> AsInt() const {
    int64_t v;
    if (AsPlainInt(&v)) return v;
    return AsIntSlow();
  }
  // AsInt() of the common case, inline and without a call: an int scalar of plain decimal
  // digits (a leading zero is YAML 1.1 octal; 18 digits cannot overflow). False for anything
  // else, which AsInt() may still read.
  bool AsPlainInt(int64_t* out) const {
    if (kind_ != NodeKind::kScalar || tag_ != ScalarTag::kInt || size_ - 1 >= 18) return false;
    const char* p = static_cast<const char*>(ptr_);
    if (p[0] == '0' && size_ != 1) return false;
    uint64_t v = 0;
    for (uint32_t i = 0; i < size_; ++i) {
      auto d = static_cast<unsigned char>(p[i] - '0');
      if (d >= 10) return false;
      v = v * 10 + d;
    }
    *out = static_cast<int64_t>(v);
    return true;
  }
  std::optional<double> AsDouble() const;

  std::span<const Pair> pairs() const;
  std::span<const Node* const> items() const;
  // Children of a map or sequence (0 for scalars).
  std::size_t size() const { return kind_ == NodeKind::kScalar ? 0 : size_; }

  // Map lookup by key text; the last occurrence wins. nullptr when absent or not a map.
  const Node* Get(std::string_view key) const;
  // Get() for a caller that looks one key up in many maps of one shape (a compiled expression's
  // field, read in every object of a kind): the pair at index `*hint`, where the key was found
  // last, is tried first, and `*hint` is updated when the key is elsewhere. The API server
  // writes an object's fields in a fixed order, so the guess is almost always right. Any hint
  // value is safe, and it is read and written relaxed-atomically: threads may share one.
  const Node* Get(std::string_view key, uint32_t* hint) const;
  // The value of the pair at `hint` when its key is `key` (and the map has unique keys), else
  // nullptr: the hit of the hinted Get() alone, inline and without a call.
  const Node* GetAtHint(std::string_view key, uint32_t hint) const;
  // A map without duplicate keys (every loader's map that has none); false for other nodes.
  bool unique_keys() const { return unique_keys_; }
  // Walks nested maps: Get("spec")->Get("template")...
  const Node* Path(std::initializer_list<std::string_view> keys) const;

  // Construction is the loaders' business (see builder.h).
  // `text` must be shorter than 4 GiB (loaders reject larger scalars).
  static Node Scalar(std::string_view text, ScalarTag tag, bool plain, uint32_t line,
                     uint32_t column) {
    Node n;
    n.kind_ = NodeKind::kScalar;
    n.tag_ = tag;
    n.plain_ = plain;
    n.ptr_ = text.data();
    n.size_ = static_cast<uint32_t>(text.size());
    n.line_ = line;
    n.column_ = column;
    return n;
  }
  static Node Map(const Pair* pairs, uint32_t size, uint32_t line, uint32_t column,
                  bool unique_keys = false) {
    Node n;
    n.kind_ = NodeKind::kMap;
    n.unique_keys_ = unique_keys;
    n.ptr_ = pairs;
    n.size_ = size;
    n.line_ = line;
    n.column_ = column;
    return n;
  }
  static Node Seq(const Node* const* items, uint32_t size, uint32_t line, uint32_t column) {
    Node n;
    n.kind_ = NodeKind::kSeq;
    n.ptr_ = items;
    n.size_ = size;
    n.line_ = line;
    n.column_ = column;
    return n;
  }

 private:
  Node() = default;
  std::optional<int64_t> AsIntSlow() const;
  uint32_t IndexOf(std::string_view key) const;
  const Node* GetAndHint(std::string_view key, uint32_t* hint) const;

  // 24 bytes: the tree of a large manifest is millions of these.
  const void* ptr_ = nullptr;  // scalar text, Pair array, or Node* array
  uint32_t size_ = 0;          // text length or child count
  uint32_t line_ = 0;
  uint32_t column_ = 0;
  NodeKind kind_ = NodeKind::kScalar;
  ScalarTag tag_ = ScalarTag::kNull;
  bool plain_ = false;
  bool unique_keys_ = false;  // maps: no key appears twice (a hinted Get may stop at its hint)
};

static_assert(sizeof(Node) == 24, "nodes are the bulk of a tree's memory");

struct Pair {
  const Node* key;
  const Node* value;
};

namespace internal {

inline uint64_t Word(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Equality of two byte ranges of length `n` without a call: words from the front and one
// overlapping word at the end, never reading past either range.
inline bool SameBytes(const char* a, const char* b, uint32_t n) {
  if (n >= 8) {
    for (uint32_t i = 0; i + 8 < n; i += 8) {
      if (Word(a + i) != Word(b + i)) return false;
    }
    return Word(a + n - 8) == Word(b + n - 8);
  }
  if (n >= 4) {
    uint32_t a0, b0, a1, b1;
    std::memcpy(&a0, a, 4);
    std::memcpy(&b0, b, 4);
    std::memcpy(&a1, a + n - 4, 4);
    std::memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace internal

inline const Node* Node::GetAtHint(std::string_view key, uint32_t hint) const {
  if (unique_keys_ && hint < size_) {  // unique_keys_ is set on maps only
    const Pair& p = static_cast<const Pair*>(ptr_)[hint];
    if (p.key->size_ == key.size() && p.key->kind_ == NodeKind::kScalar &&
        internal::SameBytes(static_cast<const char*>(p.key->ptr_), key.data(), p.key->size_)) {
      return p.value;
    }
  }
  return nullptr;
}

// The hit is inline at each caller; a miss searches out of line and moves the hint.
inline const Node* Node::Get(std::string_view key, uint32_t* hint) const {
  const uint32_t h = std::atomic_ref<uint32_t>(*hint).load(std::memory_order_relaxed);
  if (const Node* found = GetAtHint(key, h)) return found;
  return GetAndHint(key, hint);
}

inline std::span<const Pair> Node::pairs() const {
  if (kind_ != NodeKind::kMap) return {};
  return {static_cast<const Pair*>(ptr_), size_};
}
inline std::span<const Node* const> Node::items() const {
  if (kind_ != NodeKind::kSeq) return {};
  return {static_cast<const Node* const*>(ptr_), size_};
}

// YAML 1.1 scalar resolution as Kubernetes' YAML decoder applies it to plain scalars.
ScalarTag ResolvePlainYaml11(std::string_view text);

}  // namespace gori::doc
