// src/base/html_escape.h
//
// Escaping for every HTML page gori writes (the check report, compliance evidence, the load
// report): text and attribute values alike. & < > " ' become entities; invalid UTF-8, U+FFFE,
// U+FFFF and control characters other than tab and newline become U+FFFD, so a page built from
// any input bytes is well formed and no input can open markup.
#pragma once

#include <string>
#include <string_view>

namespace gori {

void AppendHtml(std::string_view s, std::string& out);

inline std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendHtml(s, out);
  return out;
}

}  // namespace gori
