// src/report/escape.h
//
// Escaping for the text formats reports are written in: XML (JUnit), GitHub workflow
// commands, URI paths (SARIF), JSON inside an HTML <script> (HTML text: base/html_escape.h). Every
// function appends to `out` and accepts any bytes: invalid UTF-8 becomes U+FFFD so the output is
// always well formed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gori::report {

// XML 1.0 character data or attribute value: & < > " ' as entities; characters XML forbids
// (C0 controls other than tab/newline/CR) become U+FFFD. In attributes tab, newline and CR are
// written as character references so parsers keep them.
void AppendXml(std::string_view s, std::string& out, bool attribute);
// GitHub workflow command message: % CR LF percent-encoded.
void AppendGithubData(std::string_view s, std::string& out);
// GitHub workflow command property value: also ':' and ','.
void AppendGithubProperty(std::string_view s, std::string& out);
// A relative or absolute file path as a URI reference: every byte outside the unreserved set
// and '/' is percent-encoded (so a ':' never reads as a scheme).
void AppendUriPath(std::string_view path, std::string& out);
// JSON text made safe inside <script>: '<', '>' and '&' written as \u003c, \u003e, \u0026 (the
// JSON must not contain them outside strings, which is true of json::Writer's output).
void AppendScriptJson(std::string_view json, std::string& out);

// Byte column (1-based) of `line` to UTF-16 code units (1-based), as SARIF counts by default.
uint32_t Utf16Column(std::string_view line, uint32_t byte_column);

}  // namespace gori::report
