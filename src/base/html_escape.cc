#include "base/html_escape.h"

#include "base/utf8.h"

namespace gori {

void AppendHtml(std::string_view s, std::string& out) {
  static constexpr std::string_view kReplacement = "\xef\xbf\xbd";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const int len = Utf8SequenceLength(p, end);
    if (len == 0) {
      out.append(kReplacement);
      ++p;
      continue;
    }
    if (len > 1) {
      const bool nonchar =
          len == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf);
      if (nonchar) {
        out.append(kReplacement);
      } else {
        out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
      }
      p += len;
      continue;
    }
    const char c = static_cast<char>(*p++);
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
          out.append(kReplacement);
        } else {
          out.push_back(c);
        }
    }
  }
}

}  // namespace gori
