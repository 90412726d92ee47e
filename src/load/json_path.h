// src/load/json_path.h
//
// The JSON side of scenario checks and extraction: simple paths `$.a.b`, `$.items[0].id`,
// compiled once into a JSON pointer, and a per-connection JsonProbe that parses a response body
// once (simdjson, buffers reused across responses) and answers lookups. A string value is
// returned unquoted and unescaped; numbers, booleans and null as their JSON text; objects and
// arrays as their minified JSON. Thread-compatible: one JsonProbe per connection.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gori::load {

struct JsonPath {
  std::string text;     // as written: "$.data.tid"
  std::string pointer;  // "/data/tid"
};

Result<JsonPath> ParseJsonPath(std::string_view text);

class JsonProbe {
 public:
  JsonProbe();
  ~JsonProbe();
  JsonProbe(JsonProbe&&) noexcept;
  JsonProbe& operator=(JsonProbe&&) noexcept;

  // Parses `body`; false when it is not JSON (lookups then find nothing).
  bool Parse(std::string_view body);
  // Writes the value at `path` into `out` (replacing it); false when absent.
  bool Lookup(const JsonPath& path, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gori::load
