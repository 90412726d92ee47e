// src/cel/textproto.cc
#include "cel/textproto.h"

#include "cel/lib_util.h"

namespace gori::cel::textproto {

const Field* Field::Get(std::string_view n) const {
  for (const Field& f : fields) {
    if (f.name == n) return &f;
  }
  return nullptr;
}

std::vector<const Field*> Field::All(std::string_view n) const {
  std::vector<const Field*> out;
  for (const Field& f : fields) {
    if (f.name == n) out.push_back(&f);
  }
  return out;
}

namespace {

constexpr int kMaxDepth = 100;

class Reader {
 public:
  Reader(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  Result<Field> Run() {
    Field root;
    root.is_message = true;
    if (!Fields(root, '\0', 0)) return tl::unexpected(error_);
    return root;
  }

 private:
  bool Fail(std::string message) {
    uint32_t line = 1, col = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    error_ = Error(std::move(message), SourcePos{file_, line, col});
    return false;
  }

  void Skip() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else {
        break;
      }
    }
  }
  char Peek() {
    Skip();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  static bool IdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-' || c == '+';
  }

  bool Fields(Field& msg, char close, int depth) {
    if (depth > kMaxDepth) return Fail("nesting too deep");
    while (true) {
      char c = Peek();
      if (c == '\0') {
        if (close != '\0')
          return Fail("unexpected end of input, expected '" + std::string(1, close) + "'");
        return true;
      }
      if (c == close) {
        ++pos_;
        return true;
      }
      Field f;
      if (c == '[') {
        std::size_t end = text_.find(']', pos_);
        if (end == std::string_view::npos) return Fail("unterminated extension name");
        f.name = std::string(text_.substr(pos_, end + 1 - pos_));
        pos_ = end + 1;
      } else {
        std::size_t start = pos_;
        while (pos_ < text_.size() && IdentChar(text_[pos_])) ++pos_;
        if (pos_ == start) return Fail(std::string("unexpected character '") + c + "'");
        f.name = std::string(text_.substr(start, pos_ - start));
      }
      bool colon = false;
      if (Peek() == ':') {
        ++pos_;
        colon = true;
      }
      char v = Peek();
      if (v == '{' || v == '<') {
        ++pos_;
        f.is_message = true;
        if (!Fields(f, v == '{' ? '}' : '>', depth + 1)) return false;
        msg.fields.push_back(std::move(f));
      } else if (v == '[' && colon) {
        ++pos_;
        while (true) {
          char x = Peek();
          if (x == ']') {
            ++pos_;
            break;
          }
          Field item;
          item.name = f.name;
          if (x == '{' || x == '<') {
            ++pos_;
            item.is_message = true;
            if (!Fields(item, x == '{' ? '}' : '>', depth + 1)) return false;
          } else if (!Scalar(item)) {
            return false;
          }
          msg.fields.push_back(std::move(item));
          if (Peek() == ',') ++pos_;
        }
      } else {
        if (!colon) return Fail("expected ':' after field '" + f.name + "'");
        if (!Scalar(f)) return false;
        msg.fields.push_back(std::move(f));
      }
      char sep = Peek();
      if (sep == ',' || sep == ';') ++pos_;
    }
  }

  bool Scalar(Field& f) {
    char c = Peek();
    if (c == '"' || c == '\'') {
      f.is_string = true;
      while (Peek() == '"' || Peek() == '\'') {
        if (!String(f.scalar)) return false;
      }
      return true;
    }
    std::size_t start = pos_;
    while (pos_ < text_.size() && IdentChar(text_[pos_])) ++pos_;
    if (pos_ == start) return Fail("expected a value");
    f.scalar = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool String(std::string& out) {
    char q = text_[pos_++];
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n') return Fail("unterminated string");
      char c = text_[pos_++];
      if (c == q) return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return Fail("unterminated string");
      char e = text_[pos_++];
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
        case '?':
          out += '?';
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
        case 'x':
        case 'X': {
          int v = 0, n = 0;
          while (n < 2 && pos_ < text_.size() && Hex(text_[pos_]) >= 0) {
            v = v * 16 + Hex(text_[pos_++]);
            ++n;
          }
          if (n == 0) return Fail("invalid \\x escape");
          out += static_cast<char>(v);
          break;
        }
        case 'u':
        case 'U': {
          int n = e == 'u' ? 4 : 8;
          uint32_t v = 0;
          for (int k = 0; k < n; ++k) {
            if (pos_ >= text_.size() || Hex(text_[pos_]) < 0) return Fail("invalid unicode escape");
            v = v * 16 + static_cast<uint32_t>(Hex(text_[pos_++]));
          }
          AppendUtf8(out, v);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0', n = 1;
            while (n < 3 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7') {
              v = v * 8 + (text_[pos_++] - '0');
              ++n;
            }
            out += static_cast<char>(v);
            break;
          }
          return Fail(std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  std::string_view text_;
  std::string_view file_;
  std::size_t pos_ = 0;
  Error error_;
};

}  // namespace

Result<Field> Parse(std::string_view text, std::string_view file_name) {
  Reader r(text, file_name);
  return r.Run();
}

}  // namespace gori::cel::textproto
