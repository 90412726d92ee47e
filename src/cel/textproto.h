// src/cel/textproto.h
//
// A reader for the protobuf text format as the CEL conformance files use it: fields
// `name: scalar`, messages `name { ... }` / `name: { ... }` / `name < ... >`, extension and Any
// field names in brackets (`[type.googleapis.com/google.protobuf.Duration] { ... }`), lists
// `[a, b]`, `#` comments, optional `,`/`;` separators, and adjacent string literals
// concatenated. Strings are unescaped (C escapes, octal, \x, \u, \U). No schema: the result is
// a generic tree the caller interprets. Errors carry line:column.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::cel::textproto {

struct Field {
  std::string name;
  bool is_message = false;
  bool is_string = false;  // scalar came from a quoted literal
  std::string scalar;      // unescaped string, number or identifier text
  std::vector<Field> fields;

  // First child named `n`, or nullptr.
  const Field* Get(std::string_view n) const;
  std::vector<const Field*> All(std::string_view n) const;
};

// Parses a whole file into the children of a root message.
Result<Field> Parse(std::string_view text, std::string_view file_name = "<textproto>");

}  // namespace gori::cel::textproto
