// src/origin/helm.h
//
// `helm template` writes each rendered document as "---", then "# Source: CHART/templates/X",
// then the document. libyaml drops comments, so this scans the raw bytes: every line that starts
// a document ("---" at column 1, or line 1) opens a segment, and a "# Source: " comment in the
// segment's header (before its first content line) names the template it came from. Pure; no
// allocation beyond the returned vector; inputs without any "# Source: " cost one memmem.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gori::origin {

struct HelmSegment {
  uint32_t first_line = 1;         // the "---" line (or 1 for the first document)
  uint32_t source_line = 0;        // the "# Source: " comment; 0 = the segment has none
  std::string_view template_path;  // as helm wrote it, e.g. "payments/templates/api.yaml"
};

// Segments in line order; empty when the bytes contain no "# Source: " header at all.
std::vector<HelmSegment> ScanHelmSources(std::string_view bytes);

struct HelmPosition {
  std::string_view template_path;
  uint32_t rendered_line = 0;  // 1 = the first line after the "# Source: " comment
};

// The template and rendered line for 1-based `line`, or nothing when that line is not inside a
// document with a "# Source: " header.
std::optional<HelmPosition> FindHelmPosition(const std::vector<HelmSegment>& segments,
                                             uint32_t line);

// Maps a Source path to a file under the chart directory `helm_root`: the first component (the
// chart name) is replaced by the directory ("payments/templates/a.yaml" with root "deploy/chart"
// -> "deploy/chart/templates/a.yaml"; subcharts keep their charts/NAME/ part).
std::string MapToHelmRoot(std::string_view template_path, std::string_view helm_root);

}  // namespace gori::origin
