// src/cel/lexer.cc
#include "cel/lexer.h"

#include <cerrno>
#include <cstdlib>

#include "cel/lib_util.h"

namespace gori::cel {
namespace {

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c); }
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool IsReservedWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "as",  "break", "const",   "continue",  "else",   "for", "function", "if",   "import",
      "let", "loop",  "package", "namespace", "return", "var", "void",     "while"};
  for (auto k : kWords) {
    if (k == w) return true;
  }
  return false;
}

Token Lexer::Fail(uint32_t offset, std::string message) {
  error_ = std::move(message);
  error_offset_ = offset;
  Token t;
  t.kind = Tok::kError;
  t.offset = offset;
  return t;
}

void Lexer::SkipSpace() {
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '/' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '/') {
      while (pos_ < src_.size() && src_[pos_] != '\n') ++pos_;
    } else {
      break;
    }
  }
}

Token Lexer::Next() {
  SkipSpace();
  Token t;
  t.offset = static_cast<uint32_t>(pos_);
  if (pos_ >= src_.size()) return t;
  char c = src_[pos_];
  auto peek = [&](std::size_t k) { return pos_ + k < src_.size() ? src_[pos_ + k] : '\0'; };
  auto one = [&](Tok k, std::size_t n) {
    t.kind = k;
    t.text = src_.substr(pos_, n);
    pos_ += n;
    return t;
  };
  if (IsDigit(c) || (c == '.' && IsDigit(peek(1)))) return Number();
  if (IsIdentStart(c)) {
    // String prefixes: r, R, b, B and their pairs.
    std::size_t p = pos_;
    bool raw = false, bytes = false;
    for (int k = 0; k < 2 && p < src_.size(); ++k) {
      char x = src_[p];
      if ((x == 'r' || x == 'R') && !raw) {
        raw = true;
        ++p;
      } else if ((x == 'b' || x == 'B') && !bytes) {
        bytes = true;
        ++p;
      } else {
        break;
      }
    }
    if (p > pos_ && p < src_.size() && (src_[p] == '"' || src_[p] == '\'')) {
      uint32_t start = static_cast<uint32_t>(pos_);
      pos_ = p;
      return Quoted(start, raw, bytes);
    }
    std::size_t e = pos_;
    while (e < src_.size() && IsIdentChar(src_[e])) ++e;
    std::string_view word = src_.substr(pos_, e - pos_);
    pos_ = e;
    t.text = word;
    if (word == "true") {
      t.kind = Tok::kTrue;
    } else if (word == "false") {
      t.kind = Tok::kFalse;
    } else if (word == "null") {
      t.kind = Tok::kNull;
    } else if (word == "in") {
      t.kind = Tok::kIn;
    } else {
      t.kind = Tok::kIdent;
    }
    return t;
  }
  switch (c) {
    case '"':
    case '\'':
      return Quoted(static_cast<uint32_t>(pos_), false, false);
    case '`': {
      std::size_t e = pos_ + 1;
      while (e < src_.size() && src_[e] != '`' && src_[e] != '\n') ++e;
      if (e >= src_.size() || src_[e] != '`')
        return Fail(t.offset, "unterminated quoted identifier");
      t.kind = Tok::kBacktick;
      t.text = src_.substr(pos_ + 1, e - pos_ - 1);
      pos_ = e + 1;
      if (t.text.empty()) return Fail(t.offset, "empty quoted identifier");
      for (char x : t.text) {
        if (!(IsIdentChar(x) || x == '.' || x == '-' || x == '/' || x == ' ')) {
          return Fail(t.offset, "invalid character in quoted identifier");
        }
      }
      return t;
    }
    case '(':
      return one(Tok::kLParen, 1);
    case ')':
      return one(Tok::kRParen, 1);
    case '[':
      return one(Tok::kLBracket, 1);
    case ']':
      return one(Tok::kRBracket, 1);
    case '{':
      return one(Tok::kLBrace, 1);
    case '}':
      return one(Tok::kRBrace, 1);
    case '.':
      return one(Tok::kDot, 1);
    case ',':
      return one(Tok::kComma, 1);
    case ':':
      return one(Tok::kColon, 1);
    case '?':
      return one(Tok::kQuestion, 1);
    case '+':
      return one(Tok::kPlus, 1);
    case '-':
      return one(Tok::kMinus, 1);
    case '*':
      return one(Tok::kStar, 1);
    case '/':
      return one(Tok::kSlash, 1);
    case '%':
      return one(Tok::kPercent, 1);
    case '!':
      return peek(1) == '=' ? one(Tok::kNe, 2) : one(Tok::kBang, 1);
    case '=':
      if (peek(1) == '=') return one(Tok::kEq, 2);
      break;
    case '<':
      return peek(1) == '=' ? one(Tok::kLe, 2) : one(Tok::kLt, 1);
    case '>':
      return peek(1) == '=' ? one(Tok::kGe, 2) : one(Tok::kGt, 1);
    case '&':
      if (peek(1) == '&') return one(Tok::kAnd, 2);
      break;
    case '|':
      if (peek(1) == '|') return one(Tok::kOr, 2);
      break;
    default:
      break;
  }
  unsigned char uc = static_cast<unsigned char>(c);
  std::string shown = uc >= 0x20 && uc < 0x7f ? std::string(1, c) : "\\x" + std::to_string(uc);
  return Fail(t.offset, "token recognition error at: '" + shown + "'");
}

Token Lexer::Number() {
  Token t;
  t.offset = static_cast<uint32_t>(pos_);
  std::size_t start = pos_;
  auto at = [&](std::size_t p) { return p < src_.size() ? src_[p] : '\0'; };
  if (at(pos_) == '0' && (at(pos_ + 1) == 'x' || at(pos_ + 1) == 'X')) {
    std::size_t p = pos_ + 2;
    uint64_t v = 0;
    bool overflow = false;
    while (HexValue(at(p)) >= 0) {
      if (v >> 60) overflow = true;
      v = v * 16 + static_cast<uint64_t>(HexValue(at(p)));
      ++p;
    }
    if (p == pos_ + 2) return Fail(t.offset, "malformed hexadecimal literal");
    bool is_uint = at(p) == 'u' || at(p) == 'U';
    if (is_uint) ++p;
    if (IsIdentChar(at(p))) return Fail(t.offset, "malformed number literal");
    pos_ = p;
    t.text = src_.substr(start, p - start);
    t.kind = is_uint ? Tok::kUint : Tok::kInt;
    t.u = v;
    if (overflow || (!is_uint && v > (uint64_t{1} << 63))) {
      return Fail(t.offset, "invalid int literal: out of range");
    }
    t.int_overflow = !is_uint && v == (uint64_t{1} << 63);
    return t;
  }
  std::size_t p = pos_;
  while (IsDigit(at(p))) ++p;
  bool is_double = false;
  if (at(p) == '.' && IsDigit(at(p + 1))) {
    is_double = true;
    ++p;
    while (IsDigit(at(p))) ++p;
  }
  if (at(p) == 'e' || at(p) == 'E') {
    std::size_t q = p + 1;
    if (at(q) == '+' || at(q) == '-') ++q;
    if (IsDigit(at(q))) {
      is_double = true;
      p = q;
      while (IsDigit(at(p))) ++p;
    }
  }
  std::string_view text = src_.substr(start, p - start);
  if (is_double) {
    if (IsIdentChar(at(p)) || at(p) == '.') return Fail(t.offset, "malformed number literal");
    scratch_.assign(text);
    errno = 0;
    t.d = std::strtod(scratch_.c_str(), nullptr);
    t.kind = Tok::kDouble;
    t.text = text;
    pos_ = p;
    return t;
  }
  bool is_uint = at(p) == 'u' || at(p) == 'U';
  if (is_uint) ++p;
  if (IsIdentChar(at(p))) return Fail(t.offset, "malformed number literal");
  uint64_t v = 0;
  bool overflow = false;
  for (char ch : text) {
    uint64_t digit = static_cast<uint64_t>(ch - '0');
    if (v > (UINT64_MAX - digit) / 10) overflow = true;
    v = v * 10 + digit;
  }
  pos_ = p;
  t.text = src_.substr(start, p - start);
  t.kind = is_uint ? Tok::kUint : Tok::kInt;
  t.u = v;
  if (overflow || (!is_uint && v > (uint64_t{1} << 63))) {
    return Fail(t.offset, is_uint ? "invalid uint literal: out of range"
                                  : "invalid int literal: out of range");
  }
  t.int_overflow = !is_uint && v == (uint64_t{1} << 63);
  return t;
}

Token Lexer::Quoted(uint32_t start, bool raw, bool bytes) {
  Token t;
  t.offset = start;
  t.kind = bytes ? Tok::kBytes : Tok::kString;
  char q = src_[pos_];
  bool triple = pos_ + 2 < src_.size() && src_[pos_ + 1] == q && src_[pos_ + 2] == q;
  pos_ += triple ? 3 : 1;
  std::string& out = scratch_;
  out.clear();
  while (true) {
    if (pos_ >= src_.size()) return Fail(start, "unterminated string literal");
    char c = src_[pos_];
    if (triple) {
      if (c == q && pos_ + 2 < src_.size() && src_[pos_ + 1] == q && src_[pos_ + 2] == q) {
        pos_ += 3;
        break;
      }
    } else {
      if (c == q) {
        ++pos_;
        break;
      }
      if (c == '\n' || c == '\r') return Fail(start, "unterminated string literal");
    }
    if (c != '\\' || raw) {
      out += c;
      ++pos_;
      continue;
    }
    uint32_t esc_at = static_cast<uint32_t>(pos_);
    if (pos_ + 1 >= src_.size()) return Fail(esc_at, "unterminated string literal");
    char e = src_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '\'':
        out += '\'';
        break;
      case '"':
        out += '"';
        break;
      case '`':
        out += '`';
        break;
      case '?':
        out += '?';
        break;
      case 'x':
      case 'X': {
        int h1 = pos_ < src_.size() ? HexValue(src_[pos_]) : -1;
        int h2 = pos_ + 1 < src_.size() ? HexValue(src_[pos_ + 1]) : -1;
        if (h1 < 0 || h2 < 0) return Fail(esc_at, "invalid \\x escape sequence");
        pos_ += 2;
        uint32_t v = static_cast<uint32_t>(h1 * 16 + h2);
        if (bytes) {
          out += static_cast<char>(v);
        } else {
          AppendUtf8(out, v);
        }
        break;
      }
      case 'u':
      case 'U': {
        int n = e == 'u' ? 4 : 8;
        if (bytes) return Fail(esc_at, "\\u escapes are not allowed in bytes literals");
        uint32_t v = 0;
        for (int k = 0; k < n; ++k) {
          int h = pos_ < src_.size() ? HexValue(src_[pos_]) : -1;
          if (h < 0) return Fail(esc_at, "invalid unicode escape sequence");
          v = v * 16 + static_cast<uint32_t>(h);
          ++pos_;
        }
        if ((v >= 0xd800 && v < 0xe000) || v > 0x10ffff) {
          return Fail(esc_at, "invalid unicode code point");
        }
        AppendUtf8(out, v);
        break;
      }
      case '0':
      case '1':
      case '2':
      case '3': {
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (int k = 0; k < 2; ++k) {
          char o = pos_ < src_.size() ? src_[pos_] : '\0';
          if (o < '0' || o > '7') return Fail(esc_at, "invalid octal escape sequence");
          v = v * 8 + static_cast<uint32_t>(o - '0');
          ++pos_;
        }
        if (bytes) {
          out += static_cast<char>(v);
        } else {
          AppendUtf8(out, v);
        }
        break;
      }
      default:
        return Fail(esc_at, std::string("invalid escape sequence '\\") + e + "'");
    }
  }
  std::string_view body = src_.substr(start, pos_ - start);
  (void)body;
  t.text = arena_.CopyString(out);
  if (t.text.data() == nullptr) t.text = std::string_view("", 0);
  return t;
}

}  // namespace gori::cel
