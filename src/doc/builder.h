// src/doc/builder.h
//
// Event-style construction of a Node tree in an arena, shared by the YAML and JSON loaders:
// Begin a map or sequence, add children (scalars, finished containers, or alias targets), End
// it. Children are gathered in one reusable scratch vector and copied to the arena once, so a
// document costs one arena allocation per node plus one per container. Enforces nesting depth,
// records duplicate keys, and (YAML only) applies `<<` merge keys.
// Thread-compatible; one Builder per document.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "base/check.h"
#include "base/result.h"
#include "doc/document.h"
#include "doc/node.h"

namespace gori::doc {

struct BuildLimits {
  uint32_t max_depth = 512;
  uint64_t max_alias_nodes = 1'000'000;  // nodes reachable through aliases, per document
};

// Number of nodes `n` stands for with aliases expanded (shared subtrees counted each time they
// are reached); counting stops once it passes `cap`, so the cost is bounded by cap.
uint64_t ExpandedSize(const Node* n, uint64_t cap);

class Builder {
 public:
  Builder(Arena& arena, Document& document, const BuildLimits& limits, bool merge_keys);

  // Start/end containers. End* returns the finished node, already added to its parent (or
  // made the root).
  Status BeginMap(uint32_t line, uint32_t column);
  Status BeginSeq(uint32_t line, uint32_t column);
  Result<const Node*> End();

  // Adds a scalar whose text is already in the arena (or in memory that outlives the tree).
  const Node* AddScalar(std::string_view text, ScalarTag tag, bool plain, uint32_t line,
                        uint32_t column);
  // Adds an existing subtree again (YAML alias); fails when aliases expand past the limit.
  Status AddAlias(const Node* target, SourcePos at);

  const Node* root() const { return root_; }
  std::size_t depth() const { return frames_.size(); }

 private:
  struct Frame {
    NodeKind kind;
    uint32_t line;
    uint32_t column;
    std::size_t start;  // index in scratch_
  };
  // Nodes are built in place (`new (NodeSlot()) Node(Node::Scalar(...))`): one built in a
  // temporary and copied is written with narrow stores and read back wide, which stalls store
  // forwarding on every node.
  void* NodeSlot() { return arena_.Allocate(sizeof(Node), alignof(Node)); }
  void Attach(const Node* n);
  Result<const Node*> EndMap(const Frame& f);
  // Records the map's duplicate keys; true when it has none.
  bool RecordDuplicates(const Pair* pairs, uint32_t n);

  Arena& arena_;
  Document& document_;
  BuildLimits limits_;
  bool merge_keys_;
  std::vector<Frame> frames_;
  std::vector<const Node*> scratch_;
  std::vector<Pair> pair_scratch_;
  uint64_t alias_nodes_ = 0;
  const Node* root_ = nullptr;
};

}  // namespace gori::doc
