// src/report/paths.h
//
// Helpers shared by the CI-facing writers: the repository-relative form of a shown path, and
// findings grouped by the file they are shown in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gori::report {

// `file` without leading "./"; an absolute path below `root` becomes relative to it.
std::string ArtifactPath(std::string_view file, std::string_view root);
bool IsAbsolutePath(std::string_view file);

// Findings (indices into report.findings) and objects grouped by shown file, files in order of
// first appearance: objects first, then findings, then errors.
struct FileGroup {
  std::string_view file;
  std::vector<std::size_t> findings;
  std::vector<std::size_t> objects;
  std::vector<std::size_t> errors;
};
std::vector<FileGroup> GroupByFile(const Report& report, bool include_suppressed);

}  // namespace gori::report
