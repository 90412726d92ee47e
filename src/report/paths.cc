#include "report/paths.h"

#include <map>

namespace gori::report {

bool IsAbsolutePath(std::string_view file) { return !file.empty() && file[0] == '/'; }

std::string ArtifactPath(std::string_view file, std::string_view root) {
  if (IsAbsolutePath(file) && !root.empty()) {
    std::string_view r = root;
    while (r.size() > 1 && r.back() == '/') r.remove_suffix(1);
    if (file.size() > r.size() && file.starts_with(r) && file[r.size()] == '/') {
      file.remove_prefix(r.size() + 1);
    }
  }
  while (file.starts_with("./")) {
    file.remove_prefix(2);
    while (file.starts_with("/")) file.remove_prefix(1);
  }
  return std::string(file);
}

std::vector<FileGroup> GroupByFile(const Report& report, bool include_suppressed) {
  std::vector<FileGroup> groups;
  std::map<std::string_view, std::size_t, std::less<>> index;
  auto group = [&](std::string_view file) -> FileGroup& {
    auto [it, fresh] = index.try_emplace(file, groups.size());
    if (fresh) groups.push_back(FileGroup{.file = file});
    return groups[it->second];
  };
  for (std::size_t i = 0; i < report.checked.size(); ++i) {
    group(report.Where(report.checked[i]).file).objects.push_back(i);
  }
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const rules::Finding& f = report.findings[i];
    if (f.suppressed && !include_suppressed) continue;
    group(report.Where(f).file).findings.push_back(i);
  }
  for (std::size_t i = 0; i < report.errors.size(); ++i) {
    group(report.Where(report.errors[i]).file).errors.push_back(i);
  }
  return groups;
}

}  // namespace gori::report
