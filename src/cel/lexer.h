// src/cel/lexer.h
//
// Splits CEL source text into tokens with byte offsets. Literal tokens are decoded here:
// numbers are range-checked, strings and bytes have every escape of the CEL grammar applied
// (simple escapes, \x, \u, \U, octal; raw and triple-quoted forms). Decoded text that differs
// from the source lives in the caller's Arena. Errors carry the offset of the offending text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/arena.h"

namespace gori::cel {

enum class Tok : uint8_t {
  kEof,
  kIdent,
  kInt,
  kUint,
  kDouble,
  kString,
  kBytes,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kDot,
  kComma,
  kColon,
  kQuestion,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kBang,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAnd,
  kOr,
  kIn,
  kTrue,
  kFalse,
  kNull,
  kBacktick,  // a `quoted identifier` (text holds the name)
  kError,
};

struct Token {
  Tok kind = Tok::kEof;
  uint32_t offset = 0;
  std::string_view text;  // identifier name, decoded string/bytes, or the literal's source text
  uint64_t u = 0;         // kInt (magnitude, may be 2^63 before negation) and kUint
  double d = 0;
  bool int_overflow = false;  // decimal int literal above 2^63
};

class Lexer {
 public:
  Lexer(std::string_view src, Arena& arena) : src_(src), arena_(arena) {}
  Token Next();
  // Set when Next() returned kError.
  const std::string& error() const { return error_; }
  uint32_t error_offset() const { return error_offset_; }

 private:
  Token Fail(uint32_t offset, std::string message);
  Token Number();
  Token Quoted(uint32_t start, bool raw, bool bytes);
  void SkipSpace();

  std::string_view src_;
  Arena& arena_;
  std::size_t pos_ = 0;
  std::string error_;
  uint32_t error_offset_ = 0;
  std::string scratch_;
};

bool IsReservedWord(std::string_view word);

}  // namespace gori::cel
