#include "doc/fields.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/duration.h"

namespace gori::doc {

SourcePos Fields::Pos(const Node* n) const {
  return n ? SourcePos{file_, n->line(), n->column()} : SourcePos{file_, 1, 1};
}

tl::unexpected<Error> Fields::At(const Node* n, std::string message) const {
  return Fail(std::move(message), Pos(n));
}

Status Fields::Map(const Node* n, std::string_view what) const {
  if (!n || !n->IsMap()) return At(n, fmt::format("{} must be a map", what));
  return {};
}

Status Fields::Keys(const Node* n, std::string_view what,
                    std::initializer_list<std::string_view> allowed) const {
  if (auto st = Map(n, what); !st) return st;
  for (const Pair& p : n->pairs()) {
    std::string_view k = p.key->text();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    std::string list;
    for (std::string_view a : allowed) {
      if (!list.empty()) list += ", ";
      list += a;
    }
    return At(p.key, fmt::format("unknown key '{}' in {} (allowed: {})", k, what, list));
  }
  return {};
}

Result<const Node*> Fields::Member(const Node* n, std::string_view key,
                                   std::string_view what) const {
  if (auto st = Map(n, what); !st) return tl::unexpected(st.error());
  const Node* m = n->Get(key);
  if (!m) return At(n, fmt::format("{}.{} is missing", what, key));
  return m;
}

Result<std::string_view> Fields::String(const Node* n, std::string_view what) const {
  if (!n || !n->IsString()) return At(n, fmt::format("{} must be a string", what));
  return n->text();
}

Result<std::string_view> Fields::Text(const Node* n, std::string_view what) const {
  if (!n || !n->IsScalar() || n->IsNull()) return At(n, fmt::format("{} must be a string", what));
  return n->text();
}

Result<int64_t> Fields::Int(const Node* n, std::string_view what, int64_t min) const {
  auto v = n && n->IsInt() ? n->AsInt() : std::nullopt;
  if (!v || *v < min) return At(n, fmt::format("{} must be an integer of at least {}", what, min));
  return *v;
}

Result<double> Fields::Number(const Node* n, std::string_view what) const {
  auto v = n && n->IsNumber() ? n->AsDouble() : std::nullopt;
  if (!v || *v < 0) return At(n, fmt::format("{} must be a non-negative number", what));
  return *v;
}

Result<bool> Fields::Bool(const Node* n, std::string_view what) const {
  if (!n || !n->IsBool()) return At(n, fmt::format("{} must be true or false", what));
  return *n->AsBool();
}

Result<int64_t> Fields::Duration(const Node* n, std::string_view what) const {
  auto text = Text(n, what);
  if (!text) return tl::unexpected(text.error());
  auto d = ParseDuration(*text);
  if (!d) return At(n, fmt::format("{}: {}", what, d.error().message));
  return *d;
}

Status Fields::Strings(const Node* n, std::string_view what, std::vector<std::string>& out) const {
  if (!n || n->IsNull()) return {};
  if (!n->IsSeq()) return At(n, fmt::format("{} must be a list", what));
  for (const Node* item : n->items()) {
    if (!item->IsString()) return At(item, fmt::format("{} entries must be strings", what));
    out.emplace_back(item->text());
  }
  return {};
}

}  // namespace gori::doc
