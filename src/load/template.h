// src/load/template.h
//
// Request templates of gori load scenarios: text with `{{...}}` slots, compiled once into
// literal segments and slots, rendered per request by appending into a caller-owned buffer
// (no allocation once the buffer has grown). Slots:
//   {{uuid}}            a random version-4 UUID (36 characters)
//   {{rand_int A B}}    a uniform random integer in [A, B]
//   {{row.COLUMN}}      a column of the iteration's CSV data row
//   {{NAME}}            a variable extracted by an earlier step of the iteration
// Compile errors name the slot and say what is allowed. Thread-compatible; rendering is const.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::load {

// What a template may refer to: CSV columns and the variables extracted so far (by index).
struct TemplateNames {
  std::vector<std::string> columns;
  std::vector<std::string> variables;    // every variable of the scenario, by index
  std::vector<bool> variable_available;  // extracted by an earlier step (same indexing)
};

struct TemplateContext {
  std::mt19937_64* rng = nullptr;
  std::span<const std::string> row;        // current CSV row (columns order)
  std::span<const std::string> variables;  // current iteration's extracted values
};

class Template {
 public:
  enum class SlotKind : uint8_t { kLiteral, kUuid, kRandInt, kColumn, kVariable };
  struct Segment {
    SlotKind kind = SlotKind::kLiteral;
    std::string literal;
    int64_t lo = 0, hi = 0;  // kRandInt
    std::size_t index = 0;   // kColumn / kVariable
  };

  static Result<Template> Compile(std::string_view text, const TemplateNames& names);

  bool IsStatic() const { return static_; }
  // True when every slot renders to a fixed number of bytes (only {{uuid}}).
  bool FixedWidth() const { return fixed_width_; }
  // How values of CSV columns and variables are made safe where they land: percent-encoded in a
  // request target, CR/LF replaced by spaces in a header value, raw in a body.
  enum class Escape : uint8_t { kNone, kUrl, kHeader };
  void Render(const TemplateContext& ctx, std::string& out, Escape escape = Escape::kNone) const;
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  std::vector<Segment> segments_;
  bool static_ = true;
  bool fixed_width_ = true;
};

inline constexpr std::size_t kUuidBytes = 36;
// Writes a random version-4 UUID into out[0..36).
void WriteUuid(std::mt19937_64& rng, char* out);

}  // namespace gori::load
