// src/json/writer.h
//
// A small streaming JSON writer used by every JSON-shaped output (reports, summaries,
// AdmissionReview responses, metrics snapshots). Appends to a caller-owned std::string; commas
// and escaping are handled here so writers never build JSON by hand. Output is compact unless
// `indent` > 0. Strings are escaped per RFC 8259 (control characters as \u00XX); invalid UTF-8 is
// replaced by U+FFFD so the output is always valid JSON. Misuse (a value where a key is due)
// is a bug and trips GORI_CHECK.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gori::json {

class Writer {
 public:
  explicit Writer(std::string& out, int indent = 0) : out_(out), indent_(indent) {}

  Writer& BeginObject();
  Writer& EndObject();
  Writer& BeginArray();
  Writer& EndArray();
  Writer& Key(std::string_view key);
  Writer& String(std::string_view s);
  Writer& Int(int64_t v);
  Writer& Uint(uint64_t v);
  Writer& Double(double v);  // non-finite values are written as null
  Writer& Bool(bool v);
  Writer& Null();
  // Inserts already-valid JSON text as one value.
  Writer& Raw(std::string_view json);

  // Shorthands for the common "key": value member.
  Writer& Member(std::string_view key, std::string_view s) { return Key(key).String(s); }
  Writer& Member(std::string_view key, const char* s) { return Key(key).String(s); }
  Writer& Member(std::string_view key, int64_t v) { return Key(key).Int(v); }
  Writer& Member(std::string_view key, int v) { return Key(key).Int(v); }
  Writer& Member(std::string_view key, uint64_t v) { return Key(key).Uint(v); }
  Writer& Member(std::string_view key, uint32_t v) { return Key(key).Uint(v); }
  Writer& Member(std::string_view key, double v) { return Key(key).Double(v); }
  Writer& Member(std::string_view key, bool v) { return Key(key).Bool(v); }

  // Appends `s` escaped (without quotes) to `out`.
  static void Escape(std::string_view s, std::string& out);

 private:
  void BeforeValue();
  void Newline();

  struct Level {
    bool object;
    bool empty;
  };
  std::string& out_;
  int indent_;
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace gori::json
