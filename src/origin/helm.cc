#include "origin/helm.h"

#include <algorithm>
#include <cstring>

namespace gori::origin {
namespace {

constexpr std::string_view kSourcePrefix = "# Source: ";

bool IsDocumentMarker(std::string_view line, std::string_view marker) {
  if (!line.starts_with(marker)) return false;
  if (line.size() == marker.size()) return true;
  char c = line[marker.size()];
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

std::vector<HelmSegment> ScanHelmSources(std::string_view bytes) {
  std::vector<HelmSegment> segments;
  if (!memmem(bytes.data(), bytes.size(), kSourcePrefix.data(), kSourcePrefix.size())) {
    return segments;
  }
  segments.push_back(HelmSegment{});
  bool in_header = true;
  bool any = false;
  uint32_t line_no = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (IsDocumentMarker(line, "---")) {
      if (line_no != 1) segments.push_back(HelmSegment{.first_line = line_no});
      // "--- key: value" starts content on the marker line itself.
      in_header = Trim(line.substr(3)).empty() || Trim(line.substr(3)).front() == '#';
      continue;
    }
    if (IsDocumentMarker(line, "...")) {
      segments.push_back(HelmSegment{.first_line = line_no + 1});
      in_header = true;
      continue;
    }
    if (!in_header) continue;
    std::string_view t = Trim(line);
    if (t.empty()) continue;
    if (line.starts_with(kSourcePrefix)) {
      HelmSegment& s = segments.back();
      if (s.source_line == 0) {
        s.source_line = line_no;
        s.template_path = Trim(line.substr(kSourcePrefix.size()));
        any = true;
      }
      continue;
    }
    if (t.front() == '#' || t.starts_with("%")) continue;  // other comments, directives
    in_header = false;
  }
  if (!any) segments.clear();
  return segments;
}

std::optional<HelmPosition> FindHelmPosition(const std::vector<HelmSegment>& segments,
                                             uint32_t line) {
  auto it = std::upper_bound(segments.begin(), segments.end(), line,
                             [](uint32_t l, const HelmSegment& s) { return l < s.first_line; });
  if (it == segments.begin()) return std::nullopt;
  const HelmSegment& s = *(it - 1);
  if (s.source_line == 0 || line <= s.source_line || s.template_path.empty()) return std::nullopt;
  return HelmPosition{s.template_path, line - s.source_line};
}

std::string MapToHelmRoot(std::string_view template_path, std::string_view helm_root) {
  std::string root(helm_root);
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  std::size_t slash = template_path.find('/');
  if (root.empty() || slash == std::string_view::npos) return std::string(template_path);
  return root + std::string(template_path.substr(slash));
}

}  // namespace gori::origin
