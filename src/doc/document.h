// src/doc/document.h
//
// One parsed document (a YAML `---` document or a JSON text) and the file it came from. A
// LoadedFile owns the Source bytes, the arena every node lives in, and its documents; it is
// move-only and must outlive every Node*, finding or view taken from it.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "base/arena.h"
#include "base/source.h"
#include "doc/node.h"

namespace gori::doc {

// A mapping key that appears twice: `first` is the earlier occurrence, `duplicate` the later.
struct DuplicateKey {
  const Node* first;
  const Node* duplicate;
};

struct Document {
  const Source* source = nullptr;
  const Node* root = nullptr;  // nullptr for an empty document
  uint32_t line = 1;           // where the document starts
  uint32_t index = 0;          // 0-based position among the file's documents
  std::vector<DuplicateKey> duplicate_keys;
};

struct LoadedFile {
  std::unique_ptr<Source> source;
  std::unique_ptr<Arena> arena;
  std::vector<Document> documents;
};
}  // namespace gori::doc
