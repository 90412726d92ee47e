// Loads the embedded schema data. Format (one record a line, written by
// scripts/gen-k8s-schemas):
//   N <definition name>                 definitions are numbered in order of appearance
//   T <definition> o <required|-> <field>=<type> ...   an object variant of a definition
//   T <definition> <type>               a plain variant (quantity, free-form JSON ...)
//   K <group|-> <version> <kind> <definition>
//   V <minor> <definition>:<variant> ...
// Types: #N definition, s string, s(A|B) enum, i integer, n number, b boolean, x int-or-string,
// q quantity, * anything, [T array of T, {T map of T. Variants are numbered by T lines.
#include "k8s/schema.h"

#include <algorithm>
#include <charconv>
#include <memory>

#include "base/check.h"

namespace gori::k8s::schema {

extern const std::string_view kEmbeddedSchemaData;  // generated from schema/k8s_schemas.txt

namespace {

std::string_view NextToken(std::string_view& line) {
  std::size_t end = line.find(' ');
  std::string_view token = line.substr(0, end);
  line = end == std::string_view::npos ? std::string_view() : line.substr(end + 1);
  return token;
}

std::optional<uint32_t> Number(std::string_view s) {
  uint32_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

const Field* Definition::Find(std::string_view name) const {
  // Every object key of every admitted object is looked up here: the first bytes decide most
  // steps of the search without a call to memcmp.
  auto it =
      std::lower_bound(fields.begin(), fields.end(), name, [](const Field& f, std::string_view n) {
        if (!f.name.empty() && !n.empty() && f.name[0] != n[0]) {
          return static_cast<unsigned char>(f.name[0]) < static_cast<unsigned char>(n[0]);
        }
        return f.name < n;
      });
  if (it == fields.end() || it->name != name) return nullptr;
  return &*it;
}

const Definition* Release::Resolve(uint32_t definition) const {
  if (definition >= variant_of_.size() || variant_of_[definition] < 0) return nullptr;
  return &schemas_->variants_[static_cast<std::size_t>(variant_of_[definition])];
}

const Definition* Release::KindDefinition(std::string_view group, std::string_view version,
                                          std::string_view kind) const {
  for (const Kind& k : schemas_->kinds_) {
    if (k.kind == kind && k.version == version && k.group == group) return Resolve(k.definition);
  }
  return nullptr;
}

uint32_t Schemas::ParseType(std::string_view& text) {
  auto add = [this](TypeKind kind, uint32_t arg) {
    types_.push_back({kind, arg});
    return static_cast<uint32_t>(types_.size() - 1);
  };
  if (text.empty()) return 0;
  char c = text.front();
  text.remove_prefix(1);
  switch (c) {
    case '#': {
      std::size_t n = 0;
      while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
      uint32_t def = Number(text.substr(0, n)).value_or(0);
      text.remove_prefix(n);
      return add(TypeKind::kRef, def);
    }
    case '[': {
      uint32_t elem = ParseType(text);
      return add(TypeKind::kArray, elem);
    }
    case '{': {
      uint32_t value = ParseType(text);
      return add(TypeKind::kMap, value);
    }
    case 's': {
      if (text.empty() || text.front() != '(') return add(TypeKind::kString, kNoEnum);
      std::size_t close = text.find(')');
      std::string_view list = text.substr(1, close - 1);
      text.remove_prefix(close + 1);
      std::vector<std::string_view> values;
      while (!list.empty()) {
        std::size_t bar = list.find('|');
        values.push_back(list.substr(0, bar));
        list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
      }
      enums_.push_back(std::move(values));
      return add(TypeKind::kString, static_cast<uint32_t>(enums_.size() - 1));
    }
    case 'i':
      return add(TypeKind::kInteger, 0);
    case 'n':
      return add(TypeKind::kNumber, 0);
    case 'b':
      return add(TypeKind::kBoolean, 0);
    case 'x':
      return add(TypeKind::kIntOrString, 0);
    case 'q':
      return add(TypeKind::kQuantity, 0);
    default:
      return add(TypeKind::kAny, 0);
  }
}

std::unique_ptr<const Schemas> Schemas::Parse(std::string_view data) {
  auto owned = std::make_unique<Schemas>();
  Schemas& s = *owned;
  s.types_.push_back({TypeKind::kAny, 0});
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> versions;
  std::vector<int> minors;
  uint32_t definitions = 0;
  // Fields and required lists are filled first and spanned afterwards (vectors may move).
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // variant -> field list, required
  while (!data.empty()) {
    std::size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    std::string_view tag = NextToken(line);
    if (tag == "N") {
      ++definitions;
    } else if (tag == "T") {
      NextToken(line);  // definition index, implied by the V lines
      Definition d;
      if (line.starts_with("o ")) {
        NextToken(line);
        std::string_view req = NextToken(line);
        std::vector<std::string_view> required;
        while (req != "-" && !req.empty()) {
          std::size_t comma = req.find(',');
          required.push_back(req.substr(0, comma));
          req = comma == std::string_view::npos ? std::string_view() : req.substr(comma + 1);
        }
        std::vector<Field> fields;
        while (!line.empty()) {
          std::string_view f = NextToken(line);
          std::size_t eq = f.find('=');
          if (eq == std::string_view::npos) return nullptr;
          std::string_view type_text = f.substr(eq + 1);
          fields.push_back({f.substr(0, eq), s.ParseType(type_text)});
        }
        d.is_object = true;
        s.field_lists_.push_back(std::move(fields));
        s.required_lists_.push_back(std::move(required));
        spans.emplace_back(s.field_lists_.size() - 1, s.required_lists_.size() - 1);
      } else {
        d.value = s.ParseType(line);
        spans.emplace_back(SIZE_MAX, SIZE_MAX);
      }
      s.variants_.push_back(d);
    } else if (tag == "K") {
      Kind k;
      k.group = NextToken(line);
      if (k.group == "-") k.group = {};
      k.version = NextToken(line);
      k.kind = NextToken(line);
      auto def = Number(NextToken(line));
      if (!def) return nullptr;
      k.definition = *def;
      s.kinds_.push_back(k);
      if (std::find(s.groups_.begin(), s.groups_.end(), k.group) == s.groups_.end()) {
        s.groups_.push_back(k.group);
      }
    } else if (tag == "V") {
      auto minor = Number(NextToken(line));
      if (!minor) return nullptr;
      minors.push_back(static_cast<int>(*minor));
      std::vector<std::pair<uint32_t, uint32_t>> table;
      while (!line.empty()) {
        std::string_view pair = NextToken(line);
        std::size_t colon = pair.find(':');
        auto def = Number(pair.substr(0, colon));
        auto variant = Number(pair.substr(colon + 1));
        if (!def || !variant || colon == std::string_view::npos) return nullptr;
        table.emplace_back(*def, *variant);
      }
      versions.push_back(std::move(table));
    } else {
      return nullptr;
    }
  }
  for (std::size_t i = 0; i < s.variants_.size(); ++i) {
    if (spans[i].first == SIZE_MAX) continue;
    s.variants_[i].fields = s.field_lists_[spans[i].first];
    s.variants_[i].required = s.required_lists_[spans[i].second];
  }
  if (minors.empty()) return nullptr;
  s.releases_.resize(minors.size());
  for (std::size_t i = 0; i < minors.size(); ++i) {
    Release& r = s.releases_[i];
    r.schemas_ = owned.get();
    r.minor_ = minors[i];
    r.variant_of_.assign(definitions, -1);
    for (auto [def, variant] : versions[i]) {
      if (def >= definitions || variant >= s.variants_.size()) return nullptr;
      r.variant_of_[def] = static_cast<int32_t>(variant);
    }
  }
  return owned;
}

const Schemas& Schemas::Embedded() {
  static const Schemas* schemas = [] {
    auto parsed = Parse(kEmbeddedSchemaData);
    GORI_CHECK(parsed != nullptr);
    return parsed.release();
  }();
  return *schemas;
}

const Release& Schemas::ForMinor(int minor) const {
  for (const Release& r : releases_) {
    if (r.minor() >= minor) return r;
  }
  return releases_.back();
}

const Release& Schemas::ForVersion(std::string_view version) const {
  auto minor = KubernetesMinor(version);
  if (!minor) return Newest();
  return ForMinor(*minor);
}

bool Schemas::IsBuiltinGroup(std::string_view group) const {
  return std::find(groups_.begin(), groups_.end(), group) != groups_.end();
}

std::optional<int> KubernetesMinor(std::string_view v) {
  if (v.empty()) return std::nullopt;
  if (v.front() == 'v') v.remove_prefix(1);
  if (!v.starts_with("1.")) return std::nullopt;
  v.remove_prefix(2);
  int minor = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), minor);
  if (r.ec != std::errc() || (r.ptr != v.data() + v.size() && *r.ptr != '.')) return std::nullopt;
  return minor;
}

}  // namespace gori::k8s::schema
