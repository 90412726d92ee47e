// src/doc/fields.h
//
// Typed fields of a config-like document with positions: every accessor either returns the value
// or an Error at the node's file:line:col that says what was expected ("alpha must be a number
// between 0 and 1"). Unknown keys are errors that list the allowed ones, so a typo never turns
// into a silently ignored setting. The one such reader of gori: the configuration file and its
// webhook section, load scenarios and load results, canary configurations. Shared wording:
//   "<what> must be a map" / "a list" / "a string" / "true or false", "<what> entries must be
//   strings", "<what>: <duration error>" (base/duration.h), "<what>.<key> is missing"
// (at the map that lacks it). Pure, thread-compatible; the reader holds only the file name.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "doc/node.h"

namespace gori::doc {

class FieldReader {
 public:
  explicit FieldReader(std::string_view file) : file_(file) {}

  SourcePos Pos(const Node* n) const { return SourcePos{file_, n->line(), n->column()}; }
  tl::unexpected<Error> Bad(const Node* n, std::string message) const {
    return Fail(std::move(message), Pos(n));
  }

  // `map` is a mapping whose keys are all in `allowed`; `where` names it in messages.
  Status Keys(const Node* map, std::string_view where,
              std::initializer_list<std::string_view> allowed) const;
  // A non-null scalar, as written.
  Result<std::string_view> Text(const Node* n, std::string_view what) const;
  Result<bool> Bool(const Node* n, std::string_view what) const;
  Result<int64_t> Int(const Node* n, std::string_view what, int64_t min, int64_t max) const;
  Result<double> Number(const Node* n, std::string_view what, double min, double max) const;
  // "<what> must be an integer of at least <min>" / "a non-negative number".
  Result<int64_t> Int(const Node* n, std::string_view what, int64_t min) const;
  Result<double> Number(const Node* n, std::string_view what) const;

  Status Map(const Node* n, std::string_view what) const;
  // The member `key` of the map `n`; an error at `n` when it has none.
  Result<const Node*> Member(const Node* n, std::string_view key, std::string_view what) const;
  // A string scalar (quoted or not, but not a number, bool or null).
  Result<std::string_view> String(const Node* n, std::string_view what) const;
  // A duration in nanoseconds (gori's one duration grammar).
  Result<int64_t> Duration(const Node* n, std::string_view what) const;
  // A list of strings appended to `out`; null is an empty list.
  Status Strings(const Node* n, std::string_view what, std::vector<std::string>& out) const;

 private:
  std::string_view file_;
};

}  // namespace gori::doc
