#include "k8s/schema_validate.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "k8s/api_lifecycle.h"
#include "k8s/quantity.h"

namespace gori::k8s {
namespace {

using schema::Definition;
using schema::TypeKind;

constexpr std::string_view kDropped =
    "; the API server drops it silently unless strict field validation is on";

// One step of the path from the object root to the node being checked.
struct Step {
  std::string_view key;  // empty for a list index
  std::size_t index = 0;
};

std::string_view Describe(const doc::Node* n) {
  if (n->IsMap()) return "an object";
  if (n->IsSeq()) return "a list";
  switch (n->tag()) {
    case doc::ScalarTag::kBool:
      return "a boolean";
    case doc::ScalarTag::kInt:
      return "an integer";
    case doc::ScalarTag::kFloat:
      return "a number";
    case doc::ScalarTag::kNull:
      return "null";
    case doc::ScalarTag::kString:
      return "a string";
  }
  return "a value";
}

std::string Shown(const doc::Node* n) {
  if (!n->IsScalar()) return std::string(Describe(n));
  std::string_view text = n->text();
  if (text.size() > 40) text = text.substr(0, 40);
  if (n->IsString()) return fmt::format("{} \"{}\"", Describe(n), text);
  return fmt::format("{} {}", Describe(n), text);
}

class Walker {
 public:
  Walker(const schema::Release& release, std::vector<SchemaIssue>& out)
      : release_(release), schemas_(schema::Schemas::Embedded()), out_(out) {}

  void Builtin(uint32_t type, const doc::Node* node, const doc::Node* key);
  void BuiltinObject(const Definition& def, const doc::Node* node, const doc::Node* key);
  void Crd(const doc::Node* schema, const doc::Node* node, const doc::Node* key, bool root);

  std::vector<Step> path;

 private:
  std::string PathString() const {
    std::string s;
    for (const Step& st : path) {
      if (st.key.empty()) {
        fmt::format_to(std::back_inserter(s), "[{}]", st.index);
      } else {
        if (!s.empty()) s += '.';
        s += st.key;
      }
    }
    return s;
  }
  void Issue(SchemaIssueKind kind, const doc::Node* at, std::string message) {
    out_.push_back({kind, at, PathString(), std::move(message)});
  }
  void WrongType(const doc::Node* node, std::string_view want) {
    std::string hint;
    if (want == "a string" && node->IsScalar() && node->plain()) hint = " (quote it)";
    Issue(SchemaIssueKind::kType, node,
          fmt::format("{} must be {}, not {}{}", PathString(), want, Shown(node), hint));
  }
  void Scalar(TypeKind kind, uint32_t arg, const doc::Node* node);

  const schema::Release& release_;
  const schema::Schemas& schemas_;
  std::vector<SchemaIssue>& out_;
};

void Walker::Scalar(TypeKind kind, uint32_t arg, const doc::Node* node) {
  switch (kind) {
    case TypeKind::kString:
      if (!node->IsString()) return WrongType(node, "a string");
      if (arg != schema::kNoEnum && !node->text().empty()) {
        auto values = schemas_.enum_values(arg);
        if (std::find(values.begin(), values.end(), node->text()) != values.end()) return;
        std::string_view near = Nearest(node->text(), values);
        Issue(SchemaIssueKind::kEnum, node,
              fmt::format("{} \"{}\" is not one of {}{}", PathString(), node->text(),
                          fmt::join(values, ", "),
                          near.empty() ? std::string() : fmt::format(" (did you mean {}?)", near)));
      }
      return;
    case TypeKind::kInteger:
      if (!node->IsInt()) WrongType(node, "an integer");
      return;
    case TypeKind::kNumber:
      if (!node->IsNumber()) WrongType(node, "a number");
      return;
    case TypeKind::kBoolean:
      if (!node->IsBool()) WrongType(node, "a boolean (true or false)");
      return;
    case TypeKind::kIntOrString:
      if (!node->IsInt() && !node->IsString()) WrongType(node, "an integer or a string");
      return;
    case TypeKind::kQuantity:
      if (node->IsNumber()) return;
      if (!node->IsString()) return WrongType(node, "a quantity such as 500m or 1Gi");
      if (!ParseQuantity(node->text())) {
        Issue(SchemaIssueKind::kType, node,
              fmt::format("{} \"{}\" is not a quantity (such as 500m, 2, 1.5Gi or 128974848)",
                          PathString(), node->text()));
      }
      return;
    default:
      return;
  }
}

void Walker::Builtin(uint32_t type_index, const doc::Node* node, const doc::Node* key) {
  if (node->IsNull()) return;  // null is "unset" for the API server
  const schema::Type& type = schemas_.type(type_index);
  switch (type.kind) {
    case TypeKind::kAny:
      return;
    case TypeKind::kRef: {
      const Definition* def = release_.Resolve(type.arg);
      if (!def) return;
      if (def->is_object) return BuiltinObject(*def, node, key);
      return Builtin(def->value, node, key);
    }
    case TypeKind::kArray: {
      if (!node->IsSeq()) return WrongType(node, "a list");
      std::size_t i = 0;
      for (const doc::Node* item : node->items()) {
        path.push_back({{}, i++});
        Builtin(type.arg, item, key);
        path.pop_back();
      }
      return;
    }
    case TypeKind::kMap: {
      if (!node->IsMap()) return WrongType(node, "an object");
      for (const doc::Pair& p : node->pairs()) {
        path.push_back({p.key->text(), 0});
        Builtin(type.arg, p.value, p.key);
        path.pop_back();
      }
      return;
    }
    default:
      return Scalar(type.kind, type.arg, node);
  }
}

void Walker::BuiltinObject(const Definition& def, const doc::Node* node, const doc::Node* key) {
  if (!node->IsMap()) return WrongType(node, "an object");
  for (const doc::Pair& p : node->pairs()) {
    std::string_view name = p.key->text();
    const schema::Field* f = def.Find(name);
    path.push_back({name, 0});
    if (!f) {
      std::vector<std::string_view> names;
      names.reserve(def.fields.size());
      for (const schema::Field& field : def.fields) names.push_back(field.name);
      std::string_view near = Nearest(name, names);
      Issue(SchemaIssueKind::kUnknownField, p.key,
            fmt::format("unknown field {}{}{}", PathString(),
                        near.empty() ? std::string() : fmt::format(" (did you mean {}?)", near),
                        kDropped));
    } else {
      Builtin(f->type, p.value, p.key);
    }
    path.pop_back();
  }
  for (std::string_view r : def.required) {
    const doc::Node* v = node->Get(r);
    if (v && !v->IsNull()) continue;
    std::string where = PathString();
    Issue(SchemaIssueKind::kRequired, key ? key : node,
          fmt::format("{} is required",
                      where.empty() ? std::string(r) : where + "." + std::string(r)));
  }
}

bool IsTrue(const doc::Node* schema, std::string_view key) {
  const doc::Node* v = schema->Get(key);
  return v && v->AsBool().value_or(false);
}

void Walker::Crd(const doc::Node* schema, const doc::Node* node, const doc::Node* key, bool root) {
  if (!schema || !schema->IsMap() || node->IsNull()) return;
  if (IsTrue(schema, "x-kubernetes-int-or-string")) {
    if (!node->IsInt() && !node->IsString()) WrongType(node, "an integer or a string");
    return;
  }
  const doc::Node* type_node = schema->Get("type");
  std::string_view type = type_node ? type_node->text() : std::string_view();
  bool preserve = IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
  bool embedded = IsTrue(schema, "x-kubernetes-embedded-resource");
  if (type == "object" || (type.empty() && schema->Get("properties"))) {
    if (!node->IsMap()) return WrongType(node, "an object");
    const doc::Node* props = schema->Get("properties");
    const doc::Node* additional = schema->Get("additionalProperties");
    for (const doc::Pair& p : node->pairs()) {
      std::string_view name = p.key->text();
      path.push_back({name, 0});
      const doc::Node* sub = props ? props->Get(name) : nullptr;
      if (sub) {
        Crd(sub, p.value, p.key, false);
      } else if (additional && additional->IsMap()) {
        Crd(additional, p.value, p.key, false);
      } else if (preserve || (additional && additional->AsBool().value_or(false)) ||
                 ((root || embedded) &&
                  (name == "apiVersion" || name == "kind" || name == "metadata")) ||
                 (!props && !additional)) {
        // kept as written (or a free-form object)
      } else {
        std::vector<std::string_view> names;
        for (const doc::Pair& q : props->pairs()) names.push_back(q.key->text());
        std::string_view near = Nearest(name, names);
        Issue(SchemaIssueKind::kUnknownField, p.key,
              fmt::format("unknown field {}{}; the API server prunes fields its "
                          "CustomResourceDefinition does not declare",
                          PathString(),
                          near.empty() ? std::string() : fmt::format(" (did you mean {}?)", near)));
      }
      path.pop_back();
    }
    if (const doc::Node* req = schema->Get("required")) {
      for (const doc::Node* r : req->items()) {
        const doc::Node* v = node->Get(r->text());
        if (v && !v->IsNull()) continue;
        std::string where = PathString();
        Issue(SchemaIssueKind::kRequired, key ? key : node,
              fmt::format("{} is required", where.empty() ? std::string(r->text())
                                                          : where + "." + std::string(r->text())));
      }
    }
  } else if (type == "array") {
    if (!node->IsSeq()) return WrongType(node, "a list");
    const doc::Node* items = schema->Get("items");
    std::size_t i = 0;
    for (const doc::Node* item : node->items()) {
      path.push_back({{}, i++});
      Crd(items, item, key, false);
      path.pop_back();
    }
  } else if (type == "string") {
    if (!node->IsString()) return WrongType(node, "a string");
  } else if (type == "integer") {
    if (!node->IsInt()) return WrongType(node, "an integer");
  } else if (type == "number") {
    if (!node->IsNumber()) return WrongType(node, "a number");
  } else if (type == "boolean") {
    if (!node->IsBool()) return WrongType(node, "a boolean (true or false)");
  }
  if (const doc::Node* values = schema->Get("enum");
      values && values->IsSeq() && node->IsScalar()) {
    std::vector<std::string_view> allowed;
    for (const doc::Node* v : values->items()) {
      if (v->IsScalar() && v->text() == node->text()) return;
      allowed.push_back(v->text());
    }
    std::string_view near = Nearest(node->text(), allowed);
    Issue(SchemaIssueKind::kEnum, node,
          fmt::format("{} \"{}\" is not one of {}{}", PathString(), node->text(),
                      fmt::join(allowed, ", "),
                      near.empty() ? std::string() : fmt::format(" (did you mean {}?)", near)));
  }
}

bool IsDns1123Label(std::string_view s, std::size_t max = 63) {
  if (s.empty() || s.size() > max) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(s.front()) || !alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alnum(c) || c == '-'; });
}

bool IsDns1123Subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = s.find('.', start);
    if (!IsDns1123Label(s.substr(start, dot - start), 253)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsDns1035Label(std::string_view s) {
  return IsDns1123Label(s) && s.front() >= 'a' && s.front() <= 'z';
}

void CheckName(const Object& o, bool builtin, std::vector<SchemaIssue>& out) {
  const doc::Node* meta = o.metadata();
  const doc::Node* name = meta ? meta->Get("name") : nullptr;
  if (!name || !name->IsString()) return;
  std::string_view n = name->text();
  std::string_view kind = o.kind();
  bool ok = true;
  std::string_view rule;
  if (builtin && kind == "Service") {
    ok = IsDns1035Label(n);
    rule =
        "a DNS-1035 label (at most 63 lowercase letters, digits and '-', starting with a letter)";
  } else if (builtin && kind == "Namespace") {
    ok = IsDns1123Label(n);
    rule = "a DNS-1123 label (at most 63 lowercase letters, digits and '-')";
  } else if (builtin && (kind == "Role" || kind == "ClusterRole" || kind == "RoleBinding" ||
                         kind == "ClusterRoleBinding")) {
    ok = !n.empty() && n != "." && n != ".." && n.find('/') == std::string_view::npos &&
         n.find('%') == std::string_view::npos;
    rule = "a path segment (not '.' or '..', without '/' or '%')";
  } else {
    ok = IsDns1123Subdomain(n);
    rule = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253)";
  }
  if (!ok) {
    out.push_back({SchemaIssueKind::kName, name, "metadata.name",
                   fmt::format("{} name \"{}\" is not {}", kind, n, rule)});
  }
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::size_t Distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cur = row[j];
      std::size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + cost});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string Joined(std::string_view group, std::string_view version) {
  return group.empty() ? std::string(version) : fmt::format("{}/{}", group, version);
}

void ValidateCustom(const Object& o, const SchemaOptions& options, Walker& walker,
                    std::vector<SchemaIssue>& out) {
  std::string_view group = o.group();
  std::string_view version = o.api_version().substr(o.api_version().find('/') + 1);
  for (const CrdCatalog* catalog : options.crds) {
    const CrdCatalog::Entry* e = catalog->Find(group, o.kind());
    if (!e) continue;
    for (const CrdCatalog::Version& v : e->versions) {
      if (v.name != version) continue;
      CheckName(o, false, out);
      if (v.schema) walker.Crd(v.schema, o.root(), nullptr, true);
      return;
    }
    std::vector<std::string_view> names;
    for (const CrdCatalog::Version& v : e->versions) names.push_back(v.name);
    out.push_back({SchemaIssueKind::kUnknownKind, o.root()->Get("apiVersion"), "apiVersion",
                   fmt::format("the CustomResourceDefinition of {}.{} serves {}, not {}", o.kind(),
                               group, fmt::join(names, ", "), version)});
    return;
  }
  if (options.strict_kinds) {
    out.push_back({SchemaIssueKind::kUnknownKind, o.root()->Get("kind"), "kind",
                   fmt::format("no CustomResourceDefinition for {} in {} (in the input or "
                               "--crd-schemas); the API server rejects it unless the cluster "
                               "has one",
                               o.kind(), o.api_version())});
  }
}

}  // namespace

std::string_view Nearest(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view best;
  std::size_t best_d = SIZE_MAX;
  for (std::string_view c : candidates) {
    std::size_t d = Distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  if (best_d == 0 || best_d > limit) return {};
  return best;
}

void CrdCatalog::Add(const Object& o) {
  if (o.kind() != "CustomResourceDefinition" || o.group() != "apiextensions.k8s.io") return;
  const doc::Node* spec = o.spec();
  if (!spec) return;
  const doc::Node* group = spec->Get("group");
  const doc::Node* kind = spec->Path({"names", "kind"});
  if (!group || !kind || !group->IsString() || !kind->IsString()) return;
  Entry e{group->text(), kind->text(), {}};
  const doc::Node* shared = spec->Path({"validation", "openAPIV3Schema"});  // v1beta1
  if (const doc::Node* versions = spec->Get("versions")) {
    for (const doc::Node* v : versions->items()) {
      const doc::Node* name = v->Get("name");
      if (!name || !name->IsString()) continue;
      const doc::Node* served = v->Get("served");
      if (served && !served->AsBool().value_or(true)) continue;
      const doc::Node* s = v->Path({"schema", "openAPIV3Schema"});
      e.versions.push_back({name->text(), s ? s : shared});
    }
  }
  if (const doc::Node* version = spec->Get("version"); version && e.versions.empty()) {
    e.versions.push_back({version->text(), shared});
  }
  entries_.push_back(std::move(e));
}

const CrdCatalog::Entry* CrdCatalog::Find(std::string_view group, std::string_view kind) const {
  for (const Entry& e : entries_) {
    if (e.kind == kind && e.group == group) return &e;
  }
  return nullptr;
}

void ValidateObject(const Object& o, const SchemaOptions& options, std::vector<SchemaIssue>& out) {
  const schema::Release& release =
      options.release ? *options.release : schema::Schemas::Embedded().Newest();
  const schema::Schemas& schemas = schema::Schemas::Embedded();
  std::string_view api_version = o.api_version();
  std::string_view kind = o.kind();
  if (api_version.empty() && kind.empty()) return;  // not a manifest (the Bundle notes it)
  if (api_version.empty() || kind.empty()) {
    std::string_view missing = api_version.empty() ? "apiVersion" : "kind";
    out.push_back({SchemaIssueKind::kRequired, o.root(), std::string(missing),
                   fmt::format("{} is required", missing)});
    return;
  }
  std::string_view group = o.group();
  std::string_view version = api_version.substr(api_version.find('/') + 1);
  Walker walker(release, out);
  if (!schemas.IsBuiltinGroup(group) && group != "extensions") {
    return ValidateCustom(o, options, walker, out);
  }
  const Definition* def = release.KindDefinition(group, version, kind);
  if (!def) {
    ApiLifecycle life = LifecycleAt(api_version, kind, release.minor());
    if (life.state == ApiLifecycle::State::kRemoved) return;  // meta-deprecated-api says so
    // Served elsewhere (apiVersion: v1 with kind: Deployment)?
    std::vector<std::string> homes;
    std::vector<std::string_view> kinds;
    for (const schema::Kind& k : schemas.kinds()) {
      if (!release.Serves(k)) continue;
      kinds.push_back(k.kind);
      if (k.kind == kind) homes.push_back(Joined(k.group, k.version));
    }
    const doc::Node* kind_node = o.root()->Get("kind");
    if (!homes.empty()) {
      out.push_back({SchemaIssueKind::kUnknownKind, o.root()->Get("apiVersion"), "apiVersion",
                     fmt::format("{} is not served as {} by Kubernetes 1.{}; use {}", kind,
                                 api_version, release.minor(), fmt::join(homes, " or "))});
      return;
    }
    std::sort(kinds.begin(), kinds.end());
    kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
    std::string_view near = Nearest(kind, kinds);
    out.push_back(
        {SchemaIssueKind::kUnknownKind, kind_node, "kind",
         fmt::format("unknown kind {} in {} (Kubernetes 1.{}){}", kind, api_version,
                     release.minor(),
                     near.empty() ? std::string() : fmt::format("; did you mean {}?", near))});
    return;
  }
  CheckName(o, true, out);
  walker.BuiltinObject(*def, o.root(), nullptr);
}

}  // namespace gori::k8s
