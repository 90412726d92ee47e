#include "doc/fields.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/duration.h"

namespace gori::doc {

Status FieldReader::Keys(const Node* map, std::string_view where,
                         std::initializer_list<std::string_view> allowed) const {
  if (!map->IsMap()) return Bad(map, fmt::format("{} must be a mapping", where));
  for (const auto& p : map->pairs()) {
    const std::string_view k = p.key->text();
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Bad(p.key, fmt::format("unknown key '{}' in {} (allowed: {})", k, where, list));
    }
  }
  return {};
}

Result<std::string_view> FieldReader::Text(const Node* n, std::string_view what) const {
  if (!n->IsScalar() || n->IsNull()) return Bad(n, fmt::format("{} must be a string", what));
  return n->text();
}

Result<bool> FieldReader::Bool(const Node* n, std::string_view what) const {
  auto b = n->AsBool();
  if (!b) return Bad(n, fmt::format("{} must be true or false", what));
  return *b;
}

Result<int64_t> FieldReader::Int(const Node* n, std::string_view what, int64_t min,
                                 int64_t max) const {
  auto v = n->IsInt() ? n->AsInt() : std::nullopt;
  if (!v || *v < min || *v > max) {
    return Bad(n, fmt::format("{} must be an integer from {} to {}", what, min, max));
  }
  return *v;
}

Result<double> FieldReader::Number(const Node* n, std::string_view what, double min,
                                   double max) const {
  auto v = n->IsNumber() ? n->AsDouble() : std::nullopt;
  if (!v || !std::isfinite(*v) || *v < min || *v > max) {
    return Bad(n, fmt::format("{} must be a number from {} to {}", what, min, max));
  }
  return *v;
}

Result<int64_t> FieldReader::Int(const Node* n, std::string_view what, int64_t min) const {
  auto v = n && n->IsInt() ? n->AsInt() : std::nullopt;
  if (!v || *v < min) return Bad(n, fmt::format("{} must be an integer of at least {}", what, min));
  return *v;
}

Result<double> FieldReader::Number(const Node* n, std::string_view what) const {
  auto v = n && n->IsNumber() ? n->AsDouble() : std::nullopt;
  if (!v || *v < 0) return Bad(n, fmt::format("{} must be a non-negative number", what));
  return *v;
}

Status FieldReader::Map(const Node* n, std::string_view what) const {
  if (!n->IsMap()) return Bad(n, fmt::format("{} must be a map", what));
  return {};
}

Result<const Node*> FieldReader::Member(const Node* n, std::string_view key,
                                        std::string_view what) const {
  if (auto st = Map(n, what); !st) return tl::unexpected(st.error());
  const Node* m = n->Get(key);
  if (!m) return Bad(n, fmt::format("{}.{} is missing", what, key));
  return m;
}

Result<std::string_view> FieldReader::String(const Node* n, std::string_view what) const {
  if (!n->IsString()) return Bad(n, fmt::format("{} must be a string", what));
  return n->text();
}

Result<int64_t> FieldReader::Duration(const Node* n, std::string_view what) const {
  auto text = Text(n, what);
  if (!text) return tl::unexpected(text.error());
  auto d = ParseDuration(*text);
  if (!d) return Bad(n, fmt::format("{}: {}", what, d.error().message));
  return *d;
}

Status FieldReader::Strings(const Node* n, std::string_view what,
                            std::vector<std::string>& out) const {
  if (!n || n->IsNull()) return {};
  if (!n->IsSeq()) return Bad(n, fmt::format("{} must be a list", what));
  for (const Node* item : n->items()) {
    if (!item->IsString()) return Bad(item, fmt::format("{} entries must be strings", what));
    out.emplace_back(item->text());
  }
  return {};
}

}  // namespace gori::doc
