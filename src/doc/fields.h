// src/doc/fields.h
//
// The one reader of typed fields with positions, for every configuration-like input: the gori
// configuration file, its webhook section, load scenarios and load results. Each call checks one
// node's type and returns its value, or an Error at the node's file:line:col whose message
// names the field (`what`, e.g. "parameters.min_replicas") and what was wanted. A required key
// that is missing is reported at the map that lacks it. Wording is shared:
//   "<what> must be a map" / "a list" / "a string" / "true or false"
//   "<what> must be an integer of at least <min>", "<what> must be a non-negative number"
//   "<what> entries must be strings", "<what>: <duration error>" (base/duration.h)
//   "unknown key '<key>' in <what> (allowed: a, b)", "<what> is missing"
// Const; the file name must outlive the reader.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "doc/node.h"

namespace gori::doc {

class Fields {
 public:
  explicit Fields(std::string_view file) : file_(file) {}

  SourcePos Pos(const Node* n) const;
  tl::unexpected<Error> At(const Node* n, std::string message) const;

  Status Map(const Node* n, std::string_view what) const;
  // Every key of the map `n` is one of `allowed`.
  Status Keys(const Node* n, std::string_view what,
              std::initializer_list<std::string_view> allowed) const;
  // The member `key` of the map `n`; an error at `n` when it has none.
  Result<const Node*> Member(const Node* n, std::string_view key, std::string_view what) const;

  // A string scalar (quoted or not, but not a number, bool or null).
  Result<std::string_view> String(const Node* n, std::string_view what) const;
  // Any scalar but null, as written (numbers too: "1.31", "500").
  Result<std::string_view> Text(const Node* n, std::string_view what) const;
  Result<int64_t> Int(const Node* n, std::string_view what, int64_t min) const;
  Result<double> Number(const Node* n, std::string_view what) const;  // >= 0
  Result<bool> Bool(const Node* n, std::string_view what) const;
  // A duration in nanoseconds (gori's one duration grammar).
  Result<int64_t> Duration(const Node* n, std::string_view what) const;
  // A list of strings appended to `out`; null is an empty list.
  Status Strings(const Node* n, std::string_view what, std::vector<std::string>& out) const;

 private:
  std::string_view file_;
};

}  // namespace gori::doc
