#include "load/json_path.h"

#include <simdjson.h>

#include <fmt/format.h>

namespace gori::load {

Result<JsonPath> ParseJsonPath(std::string_view text) {
  JsonPath p;
  p.text = std::string(text);
  if (!text.starts_with("$")) {
    return Fail(fmt::format("invalid JSON path '{}': must start with '$' (e.g. $.data.id)", text));
  }
  std::string_view rest = text.substr(1);
  while (!rest.empty()) {
    std::string_view key;
    if (rest[0] == '.') {
      rest.remove_prefix(1);
      std::size_t n = 0;
      while (n < rest.size() && rest[n] != '.' && rest[n] != '[') ++n;
      key = rest.substr(0, n);
      if (key.empty()) return Fail(fmt::format("invalid JSON path '{}': empty key", text));
      rest.remove_prefix(n);
    } else if (rest[0] == '[') {
      const std::size_t close = rest.find(']');
      key = rest.substr(1, close == std::string_view::npos ? 0 : close - 1);
      bool digits = !key.empty();
      for (char c : key) digits = digits && c >= '0' && c <= '9';
      if (close == std::string_view::npos || !digits) {
        return Fail(fmt::format("invalid JSON path '{}': expected [INDEX]", text));
      }
      rest.remove_prefix(close + 1);
    } else {
      return Fail(fmt::format("invalid JSON path '{}': expected '.' or '[' after '{}'", text,
                              text.substr(0, text.size() - rest.size())));
    }
    p.pointer += '/';
    for (char c : key) {
      if (c == '~') {
        p.pointer += "~0";
      } else if (c == '/') {
        p.pointer += "~1";
      } else {
        p.pointer += c;
      }
    }
  }
  return p;
}

struct JsonProbe::Impl {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool ok = false;
};

JsonProbe::JsonProbe() : impl_(std::make_unique<Impl>()) {}
JsonProbe::~JsonProbe() = default;
JsonProbe::JsonProbe(JsonProbe&&) noexcept = default;
JsonProbe& JsonProbe::operator=(JsonProbe&&) noexcept = default;

bool JsonProbe::Parse(std::string_view body) {
  auto r = impl_->parser.parse(body.data(), body.size(), true);
  impl_->ok = r.error() == simdjson::SUCCESS;
  if (impl_->ok) impl_->root = r.value_unsafe();
  return impl_->ok;
}

bool JsonProbe::Lookup(const JsonPath& path, std::string& out) {
  if (!impl_->ok) return false;
  simdjson::dom::element e = impl_->root;
  if (!path.pointer.empty()) {
    auto r = impl_->root.at_pointer(path.pointer);
    if (r.error() != simdjson::SUCCESS) return false;
    e = r.value_unsafe();
  }
  out.clear();
  if (e.is_string()) {
    out = std::string_view(e.get_string().value_unsafe());
  } else {
    out = simdjson::minify(e);
  }
  return true;
}

}  // namespace gori::load
