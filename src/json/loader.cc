#include "json/loader.h"

// Errors are handled as codes on every call; no simdjson exception may escape.
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <fmt/format.h>

namespace gori::json {
namespace {

namespace od = simdjson::ondemand;

class Walker {
 public:
  Walker(doc::LoadedFile& file, const simdjson::padded_string& padded, doc::Builder& builder)
      : file_(file), padded_(padded), builder_(builder), lines_(file.source->lines()) {}

  Status Value(od::value v) {
    const char* loc = Location(v);
    auto [line, col] = Pos(loc);
    od::json_type type;
    if (auto e = v.type().get(type)) return Error(e, loc);
    switch (type) {
      case od::json_type::object: {
        if (auto st = builder_.BeginMap(line, col); !st) return st;
        od::object obj;
        if (auto e = v.get_object().get(obj)) return Error(e, loc);
        for (auto field_result : obj) {
          od::field field;
          if (auto e = std::move(field_result).get(field)) return Error(e, last_);
          // The key's quote sits just before the raw key text; read it before unescaping,
          // which consumes the raw key.
          const char* key_loc = field.key().raw() - 1;
          std::string_view key;
          if (auto e = field.unescaped_key().get(key)) return Error(e, key_loc);
          auto [kl, kc] = Pos(key_loc);
          builder_.AddScalar(file_.arena->CopyString(key), doc::ScalarTag::kString, false, kl, kc);
          if (auto st = Value(field.value()); !st) return st;
        }
        return End();
      }
      case od::json_type::array: {
        if (auto st = builder_.BeginSeq(line, col); !st) return st;
        od::array arr;
        if (auto e = v.get_array().get(arr)) return Error(e, loc);
        for (auto item : arr) {
          od::value child;
          if (auto e = std::move(item).get(child)) return Error(e, last_);
          if (auto st = Value(child); !st) return st;
        }
        return End();
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return Error(e, loc);
        builder_.AddScalar(file_.arena->CopyString(s), doc::ScalarTag::kString, false, line, col);
        return {};
      }
      case od::json_type::number: {
        std::string_view raw = Trim(v.raw_json_token());
        bool is_float = raw.find_first_of(".eE") != std::string_view::npos;
        if (auto e = CheckNumber(v)) return Error(e, loc);
        builder_.AddScalar(file_.arena->CopyString(raw),
                           is_float ? doc::ScalarTag::kFloat : doc::ScalarTag::kInt, false, line,
                           col);
        return {};
      }
      case od::json_type::boolean: {
        bool b;
        if (auto e = v.get_bool().get(b)) return Error(e, loc);
        builder_.AddScalar(b ? "true" : "false", doc::ScalarTag::kBool, false, line, col);
        return {};
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null)) return Error(e, loc);
        if (!is_null) return Error(simdjson::N_ATOM_ERROR, loc);
        builder_.AddScalar("null", doc::ScalarTag::kNull, false, line, col);
        return {};
      }
    }
    return Error(simdjson::INCORRECT_TYPE, loc);
  }

  Status Error(simdjson::error_code e, const char* loc) {
    auto [line, col] = Pos(loc ? loc : last_);
    return Fail(fmt::format("invalid JSON: {}", simdjson::error_message(e)),
                SourcePos{file_.source->name(), line, col});
  }

  std::pair<uint32_t, uint32_t> Pos(const char* loc) {
    if (!loc) return {1, 1};
    last_ = loc;
    auto offset = static_cast<std::size_t>(loc - padded_.data());
    if (offset > padded_.size()) offset = padded_.size();
    auto lc = lines_.At(offset);
    return {lc.line, lc.column};
  }

 private:
  Status End() {
    auto n = builder_.End();
    if (!n) return tl::unexpected(n.error());
    return {};
  }

  static simdjson::error_code CheckNumber(od::value& v) {
    // Validates the number token; kubernetes accepts any JSON number here.
    double d;
    return v.get_double().get(d);
  }

  static std::string_view Trim(std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
      s.remove_suffix(1);
    }
    return s;
  }

  const char* Location(od::value& v) {
    const char* loc = nullptr;
    if (v.current_location().get(loc)) return last_;
    return loc;
  }

  doc::LoadedFile& file_;
  const simdjson::padded_string& padded_;
  doc::Builder& builder_;
  const LineIndex& lines_;
  const char* last_ = nullptr;
};

}  // namespace

bool LooksLikeJson(std::string_view bytes) {
  for (char c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

Status Load(doc::LoadedFile& file, const doc::BuildLimits& limits) {
  GORI_CHECK(file.source != nullptr);
  if (!file.arena) file.arena = std::make_unique<Arena>();
  simdjson::padded_string padded(file.source->bytes());
  od::parser parser;
  std::string_view name = file.source->name();
  file.documents.emplace_back();
  doc::Document& d = file.documents.back();
  d.source = file.source.get();
  d.index = static_cast<uint32_t>(file.documents.size() - 1);
  doc::Builder builder(*file.arena, d, limits, /*merge_keys=*/false);
  Walker walker(file, padded, builder);

  auto fail = [&](Status st) {
    file.documents.pop_back();
    return st;
  };
  od::document document;
  if (auto e = parser.iterate(padded).get(document)) {
    return fail(
        Fail(fmt::format("invalid JSON: {}", simdjson::error_message(e)), SourcePos{name, 1, 1}));
  }
  od::value root;
  if (auto e = document.get_value().get(root)) {
    // Also the answer for scalar documents (`5`, `"x"`): no Kubernetes object is one.
    return fail(walker.Error(e, nullptr));
  }
  if (auto st = walker.Value(root); !st) return fail(st);
  // current_location() only succeeds when bytes remain after the root value.
  const char* trailing = nullptr;
  if (!document.current_location().get(trailing)) {
    return fail(walker.Error(simdjson::TRAILING_CONTENT, trailing));
  }
  d.root = builder.root();
  return {};
}

}  // namespace gori::json
