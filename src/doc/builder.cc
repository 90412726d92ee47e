#include "doc/builder.h"

#include <algorithm>

#include <fmt/format.h>

namespace gori::doc {
namespace {

bool IsMergeKey(const Node* k) { return k->IsScalar() && k->plain() && k->text() == "<<"; }

bool SameKey(const Node* a, const Node* b) {
  return a->IsScalar() && b->IsScalar() && a->text() == b->text();
}

}  // namespace

Builder::Builder(Arena& arena, Document& document, const BuildLimits& limits, bool merge_keys)
    : arena_(arena), document_(document), limits_(limits), merge_keys_(merge_keys) {
  // Typical manifests stay within these; growing from zero would reallocate several times per
  // document.
  frames_.reserve(16);
  scratch_.reserve(128);
  pair_scratch_.reserve(32);
}

Status Builder::BeginMap(uint32_t line, uint32_t column) {
  if (frames_.size() >= limits_.max_depth) {
    return Fail(fmt::format("nesting deeper than {} levels", limits_.max_depth),
                SourcePos{document_.source ? document_.source->name() : "", line, column});
  }
  frames_.push_back({NodeKind::kMap, line, column, scratch_.size()});
  return {};
}

Status Builder::BeginSeq(uint32_t line, uint32_t column) {
  if (frames_.size() >= limits_.max_depth) {
    return Fail(fmt::format("nesting deeper than {} levels", limits_.max_depth),
                SourcePos{document_.source ? document_.source->name() : "", line, column});
  }
  frames_.push_back({NodeKind::kSeq, line, column, scratch_.size()});
  return {};
}

void Builder::Attach(const Node* n) {
  if (frames_.empty()) {
    root_ = n;
  } else {
    scratch_.push_back(n);
  }
}

const Node* Builder::AddScalar(std::string_view text, ScalarTag tag, bool plain, uint32_t line,
                               uint32_t column) {
  Node* n = new (NodeSlot()) Node(Node::Scalar(text, tag, plain, line, column));
  Attach(n);
  return n;
}

uint64_t ExpandedSize(const Node* n, uint64_t cap) {
  uint64_t count = 1;
  if (n->IsMap()) {
    for (const Pair& p : n->pairs()) {
      if (count > cap) break;
      count += ExpandedSize(p.key, cap - count + 1);
      if (count > cap) break;
      count += ExpandedSize(p.value, cap - count + 1);
    }
  } else if (n->IsSeq()) {
    for (const Node* item : n->items()) {
      if (count > cap) break;
      count += ExpandedSize(item, cap - count + 1);
    }
  }
  return count;
}

Status Builder::AddAlias(const Node* target, SourcePos at) {
  // Counting stops just past the limit, so an alias bomb costs at most the limit in visits.
  alias_nodes_ += ExpandedSize(target, limits_.max_alias_nodes - alias_nodes_ + 1);
  if (alias_nodes_ > limits_.max_alias_nodes) {
    return Fail(
        fmt::format("aliases expand to more than {} nodes (alias bomb?)", limits_.max_alias_nodes),
        at);
  }
  Attach(target);
  return {};
}

Result<const Node*> Builder::End() {
  GORI_CHECK(!frames_.empty());
  Frame f = frames_.back();
  frames_.pop_back();
  if (f.kind == NodeKind::kMap) return EndMap(f);
  std::size_t n = scratch_.size() - f.start;
  auto items = arena_.Copy(std::span<const Node* const>(scratch_.data() + f.start, n));
  scratch_.resize(f.start);
  Node* node =
      new (NodeSlot()) Node(Node::Seq(items.data(), static_cast<uint32_t>(n), f.line, f.column));
  Attach(node);
  return node;
}

Result<const Node*> Builder::EndMap(const Frame& f) {
  std::size_t n = scratch_.size() - f.start;
  if (n % 2 != 0) {
    // A key without a value cannot come from a well-formed event stream.
    scratch_.push_back(new (NodeSlot())
                           Node(Node::Scalar({}, ScalarTag::kNull, true, f.line, f.column)));
    ++n;
  }
  pair_scratch_.clear();
  bool has_merge = false;
  for (std::size_t i = f.start; i < scratch_.size(); i += 2) {
    const Node* k = scratch_[i];
    if (merge_keys_ && IsMergeKey(k)) {
      has_merge = true;
      continue;
    }
    pair_scratch_.push_back({k, scratch_[i + 1]});
  }
  std::size_t explicit_count = pair_scratch_.size();
  // Merged keys are only those the map lacks, so they add no duplicate.
  bool unique = RecordDuplicates(pair_scratch_.data(), static_cast<uint32_t>(explicit_count));
  if (has_merge) {
    // `<<: *a` or `<<: [*a, *b]`: keys of the merged maps that the map does not set itself;
    // earlier maps in a merge list win over later ones.
    auto merge_one = [&](const Node* src) {
      for (const Pair& p : src->pairs()) {
        bool present = false;
        for (const Pair& q : pair_scratch_) {
          if (SameKey(q.key, p.key)) {
            present = true;
            break;
          }
        }
        if (!present) pair_scratch_.push_back(p);
      }
    };
    for (std::size_t i = f.start; i < scratch_.size(); i += 2) {
      const Node* k = scratch_[i];
      if (!IsMergeKey(k)) continue;
      const Node* v = scratch_[i + 1];
      if (v->IsMap()) {
        merge_one(v);
      } else if (v->IsSeq()) {
        for (const Node* item : v->items()) {
          if (!item->IsMap()) {
            return Fail("merge key '<<' needs a mapping or a list of mappings",
                        SourcePos{document_.source ? document_.source->name() : "", item->line(),
                                  item->column()});
          }
          merge_one(item);
        }
      } else {
        return Fail(
            "merge key '<<' needs a mapping or a list of mappings",
            SourcePos{document_.source ? document_.source->name() : "", v->line(), v->column()});
      }
    }
  }
  auto pairs = arena_.Copy(std::span<const Pair>(pair_scratch_));
  scratch_.resize(f.start);
  Node* node = new (NodeSlot())
      Node(Node::Map(pairs.data(), static_cast<uint32_t>(pairs.size()), f.line, f.column, unique));
  Attach(node);
  return node;
}

bool Builder::RecordDuplicates(const Pair* pairs, uint32_t n) {
  if (n < 2) return true;
  std::size_t before = document_.duplicate_keys.size();
  if (n <= 24) {
    for (uint32_t j = 1; j < n; ++j) {
      for (uint32_t i = 0; i < j; ++i) {
        if (SameKey(pairs[i].key, pairs[j].key)) {
          document_.duplicate_keys.push_back({pairs[i].key, pairs[j].key});
          break;
        }
      }
    }
    return document_.duplicate_keys.size() == before;
  }
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  auto key_text = [&](uint32_t i) {
    return pairs[i].key->IsScalar() ? pairs[i].key->text() : std::string_view();
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return key_text(a) < key_text(b); });
  uint32_t run_start = 0;
  for (uint32_t i = 1; i < n; ++i) {
    uint32_t first = order[run_start], b = order[i];
    if (pairs[first].key->IsScalar() && pairs[b].key->IsScalar() &&
        key_text(first) == key_text(b)) {
      document_.duplicate_keys.push_back({pairs[first].key, pairs[b].key});
    } else {
      run_start = i;
    }
  }
  std::sort(document_.duplicate_keys.begin() + static_cast<std::ptrdiff_t>(before),
            document_.duplicate_keys.end(), [](const DuplicateKey& x, const DuplicateKey& y) {
              return x.duplicate->line() != y.duplicate->line()
                         ? x.duplicate->line() < y.duplicate->line()
                         : x.duplicate->column() < y.duplicate->column();
            });
  return document_.duplicate_keys.size() == before;
}

}  // namespace gori::doc
