#include "report/escape.h"

#include <algorithm>

#include "base/utf8.h"

namespace gori::report {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr std::string_view kReplacement = "\xef\xbf\xbd";

// Calls ascii(c) for each ASCII byte and appends valid multi-byte sequences as they are.
template <typename Ascii>
void EachChar(std::string_view s, std::string& out, Ascii ascii) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    int len = Utf8SequenceLength(p, end);
    if (len == 1) {
      ascii(static_cast<char>(*p));
      ++p;
    } else if (len > 1) {
      // U+FFFE and U+FFFF are not XML characters; nothing else gori writes needs them.
      bool nonchar = len == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf);
      if (nonchar) {
        out.append(kReplacement);
      } else {
        out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
      }
      p += len;
    } else {
      out.append(kReplacement);
      ++p;
    }
  }
}

void Percent(char c, std::string& out) {
  auto b = static_cast<unsigned char>(c);
  out.push_back('%');
  out.push_back(kHex[b >> 4]);
  out.push_back(kHex[b & 15]);
}

}  // namespace

void AppendXml(std::string_view s, std::string& out, bool attribute) {
  EachChar(s, out, [&](char c) {
    switch (c) {
      case '&':
        out.append("&amp;");
        return;
      case '<':
        out.append("&lt;");
        return;
      case '>':
        out.append("&gt;");
        return;
      case '"':
        out.append("&quot;");
        return;
      case '\'':
        out.append("&apos;");
        return;
      case '\t':
        out.append(attribute ? "&#9;" : "\t");
        return;
      case '\n':
        out.append(attribute ? "&#10;" : "\n");
        return;
      case '\r':
        out.append("&#13;");
        return;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out.append(kReplacement);
        } else {
          out.push_back(c);
        }
    }
  });
}

void AppendGithubData(std::string_view s, std::string& out) {
  for (char c : s) {
    if (c == '%' || c == '\r' || c == '\n') {
      Percent(c, out);
    } else {
      out.push_back(c);
    }
  }
}

void AppendGithubProperty(std::string_view s, std::string& out) {
  for (char c : s) {
    if (c == '%' || c == '\r' || c == '\n' || c == ':' || c == ',') {
      Percent(c, out);
    } else {
      out.push_back(c);
    }
  }
}

void AppendUriPath(std::string_view path, std::string& out) {
  for (char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(c);
    } else {
      Percent(c, out);
    }
  }
}

void AppendScriptJson(std::string_view json, std::string& out) {
  for (char c : json) {
    switch (c) {
      case '<':
        out.append("\\u003c");
        break;
      case '>':
        out.append("\\u003e");
        break;
      case '&':
        out.append("\\u0026");
        break;
      default:
        out.push_back(c);
    }
  }
}

uint32_t Utf16Column(std::string_view line, uint32_t byte_column) {
  if (byte_column == 0) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const auto* end = p + std::min<std::size_t>(line.size(), byte_column - 1);
  uint32_t units = 0;
  while (p < end) {
    int len =
        Utf8SequenceLength(p, reinterpret_cast<const unsigned char*>(line.data()) + line.size());
    if (len == 0) len = 1;  // an invalid byte counts as one U+FFFD
    units += len == 4 ? 2 : 1;
    p += len;
  }
  // Columns past the end of the line (a position after the last character) keep their excess.
  uint32_t past =
      byte_column - 1 > line.size() ? byte_column - 1 - static_cast<uint32_t>(line.size()) : 0;
  return units + past + 1;
}

}  // namespace gori::report
