// src/report/html_assets.h
//
// The inline stylesheet and script of the HTML report (html.cc). Kept apart so the writer reads
// as page structure. The script reads the JSON in <script id="gori-data">, renders the findings
// grouped by file with their excerpts, and applies the severity/rule/family/text filters; it
// builds every node with textContent, never from HTML strings.
#pragma once

#include <string_view>

namespace gori::report {

extern const std::string_view kHtmlStyle;
extern const std::string_view kHtmlScript;

}  // namespace gori::report
