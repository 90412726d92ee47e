#include "doc/fields.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

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

}  // namespace gori::doc
