#include "k8s/bundle.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "json/loader.h"
#include "yaml/loader.h"

namespace gori::k8s {
namespace {

namespace fs = std::filesystem;

bool IsManifestName(const std::string& name) {
  auto ends = [&](std::string_view s) { return name.size() >= s.size() && name.ends_with(s); };
  return ends(".yaml") || ends(".yml") || ends(".json");
}

}  // namespace

void Bundle::AddPath(const std::string& path) {
  if (path != "-") {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      AddDirectory(path);
      return;
    }
  }
  auto source = Source::Read(path);
  if (!source) {
    errors_.push_back(source.error());
    return;
  }
  AddSource(std::move(*source));
}

void Bundle::AddDirectory(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    errors_.push_back(
        Error(fmt::format("cannot read directory: {}", ec.message()), SourcePos{dir, 0, 0}));
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      errors_.push_back(
          Error(fmt::format("cannot read directory: {}", ec.message()), SourcePos{dir, 0, 0}));
      return;
    }
    std::string name = it->path().filename().string();
    if ((!name.empty() && name[0] == '.') || (ignore_ && ignore_(it->path().string()))) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && IsManifestName(name)) found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  for (const auto& f : found) AddPath(f);
}

void Bundle::AddSource(std::unique_ptr<Source> source) {
  std::string_view bytes = source->bytes();
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    auto lc = source->lines().At(offset);
    errors_.push_back(Error("binary input (NUL byte); not a YAML or JSON manifest",
                            SourcePos{source->name(), lc.line, lc.column}));
    // Keep the source alive: the error names it.
    files_.emplace_back().source = std::move(source);
    return;
  }
  doc::LoadedFile& file = files_.emplace_back();
  file.source = std::move(source);
  Load(file);
  // Most of a large file is never read again (rules look at a few fields, reports at a few
  // lines): the pages go back to the page cache instead of staying in the run's memory.
  file.source->ReleaseResidentPages();
}

void Bundle::Load(doc::LoadedFile& file) {
  std::string_view name = file.source->name();
  bool json_name = name.ends_with(".json");
  if (json_name || json::LooksLikeJson(file.source->bytes())) {
    Status st = json::Load(file, limits_);
    if (st || json_name) {
      if (!st) errors_.push_back(st.error());
      return;
    }
    // A YAML flow mapping also starts with '{': fall back to YAML.
    file.documents.clear();
  }
  Status st = yaml::Load(file, limits_);
  if (!st) errors_.push_back(st.error());
}

void Bundle::Finish() {
  objects_.clear();
  for (const doc::LoadedFile& f : files_) {
    for (const doc::Document& d : f.documents) CollectObjects(d, pod_templates_, objects_);
  }
}

}  // namespace gori::k8s
