#include "json/writer.h"

#include <cmath>

#include <fmt/format.h>

#include "base/check.h"

namespace gori::json {

void Writer::Newline() {
  if (indent_ <= 0) return;
  out_.push_back('\n');
  out_.append(stack_.size() * static_cast<std::size_t>(indent_), ' ');
}

void Writer::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  GORI_CHECK(!stack_.back().object);
  if (!stack_.back().empty) out_.push_back(',');
  stack_.back().empty = false;
  Newline();
}

Writer& Writer::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  stack_.push_back({true, true});
  return *this;
}

Writer& Writer::EndObject() {
  GORI_CHECK(!stack_.empty() && stack_.back().object && !after_key_);
  bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) Newline();
  out_.push_back('}');
  return *this;
}

Writer& Writer::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  stack_.push_back({false, true});
  return *this;
}

Writer& Writer::EndArray() {
  GORI_CHECK(!stack_.empty() && !stack_.back().object);
  bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) Newline();
  out_.push_back(']');
  return *this;
}

Writer& Writer::Key(std::string_view key) {
  GORI_CHECK(!stack_.empty() && stack_.back().object && !after_key_);
  if (!stack_.back().empty) out_.push_back(',');
  stack_.back().empty = false;
  Newline();
  out_.push_back('"');
  Escape(key, out_);
  out_.append(indent_ > 0 ? "\": " : "\":");
  after_key_ = true;
  return *this;
}

Writer& Writer::String(std::string_view s) {
  BeforeValue();
  out_.push_back('"');
  Escape(s, out_);
  out_.push_back('"');
  return *this;
}

Writer& Writer::Int(int64_t v) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}

Writer& Writer::Uint(uint64_t v) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}

Writer& Writer::Double(double v) {
  BeforeValue();
  if (!std::isfinite(v)) {
    out_.append("null");
  } else {
    fmt::format_to(std::back_inserter(out_), "{}", v);
  }
  return *this;
}

Writer& Writer::Bool(bool v) {
  BeforeValue();
  out_.append(v ? "true" : "false");
  return *this;
}

Writer& Writer::Null() {
  BeforeValue();
  out_.append("null");
  return *this;
}

Writer& Writer::Raw(std::string_view json) {
  BeforeValue();
  out_.append(json);
  return *this;
}

void Writer::Escape(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Runs of printable ASCII (almost everything in Kubernetes text) are copied in one append.
    const auto* run = p;
    while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') ++p;
    if (p != run) out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    if (p == end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20) {
            out.append("\\u00");
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++p;
      continue;
    }
    // Validate one UTF-8 sequence; copy it when valid, else write U+FFFD and skip one byte.
    int len = (c >= 0xc2 && c <= 0xdf)   ? 2
              : (c >= 0xe0 && c <= 0xef) ? 3
              : (c >= 0xf0 && c <= 0xf4) ? 4
                                         : 0;
    bool ok = len > 0 && end - p >= len;
    for (int i = 1; ok && i < len; ++i) ok = (p[i] & 0xc0) == 0x80;
    if (ok && len == 3) {
      ok = !(c == 0xe0 && p[1] < 0xa0) && !(c == 0xed && p[1] >= 0xa0);
    } else if (ok && len == 4) {
      ok = !(c == 0xf0 && p[1] < 0x90) && !(c == 0xf4 && p[1] >= 0x90);
    }
    if (ok) {
      out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
      p += len;
    } else {
      out.append("\xef\xbf\xbd");
      ++p;
    }
  }
}

}  // namespace gori::json
