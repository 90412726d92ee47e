#include "k8s/bundle.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
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

bool IsHelmChart(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "Chart.yaml", ec);
}

bool IsKustomization(std::string_view name) {
  std::size_t slash = name.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return base == "kustomization.yaml" || base == "kustomization.yml" || base == "Kustomization";
}

// Go template actions as Helm charts write them: `{{ .Values.x }}`, `{{- if ... }}`,
// `{{ include ... }}`. A bare `{{name}}` is left to parse as YAML (a flow mapping), where schema
// validation reports it in the field it breaks.
bool HasGoTemplateAction(std::string_view bytes) {
  static constexpr std::string_view kWords[] = {
      "if ",    "else", "end",    "range ", "with ",   "include ", "template ", "define ",
      "toYaml", "tpl ", "quote ", "printf", "default", "required", "block ",    "/*"};
  for (std::size_t at = bytes.find("{{"); at != std::string_view::npos;
       at = bytes.find("{{", at + 2)) {
    std::string_view rest = bytes.substr(at + 2);
    while (!rest.empty() && (rest.front() == '-' || rest.front() == ' ')) rest.remove_prefix(1);
    if (rest.empty()) return false;
    if (rest.front() == '.' || rest.front() == '$') return true;
    for (std::string_view w : kWords) {
      if (rest.starts_with(w)) return true;
    }
  }
  return false;
}

constexpr std::string_view kTemplateNote =
    "template syntax ({{ }}), not a manifest: render it first, e.g. `helm template CHART | gori "
    "check -`";

std::string HelmNote(const std::string& dir) {
  return fmt::format(
      "Helm chart, not manifests: run `helm template {} | gori check -` (add --helm-root {} to "
      "see findings in the chart's templates)",
      dir, dir);
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
  if (IsKustomization(path)) {
    // Read as a file, not the output of `kubectl kustomize` (AddSource, named after it too).
    notes_.push_back(Error("kustomization, not manifests: use `gori check --kustomize DIR`",
                           SourcePos{path, 0, 0}));
    return;
  }
  auto source = Source::Read(path);
  if (!source) {
    errors_.push_back(source.error());
    return;
  }
  if (path == "-") {
    AddSource(std::move(*source));
    return;
  }
  std::string dir = fs::path(path).parent_path().string();
  AddSourceOf(std::move(*source), dir.empty() ? "." : dir);
}

void Bundle::AddDirectory(const std::string& dir) {
  if (IsHelmChart(dir)) {
    notes_.push_back(Error(HelmNote(dir), SourcePos{dir, 0, 0}));
    return;
  }
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
    if (it->is_directory(ec) && IsHelmChart(it->path())) {
      std::string chart = it->path().string();
      notes_.push_back(Error(HelmNote(chart), SourcePos{chart, 0, 0}));
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && IsManifestName(name)) found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  for (const auto& f : found) AddPath(f);
}

void Bundle::AddSource(std::unique_ptr<Source> source) {
  std::string input(source->name());
  AddSourceOf(std::move(source), std::move(input));
}

void Bundle::AddSourceOf(std::unique_ptr<Source> source, std::string input) {
  std::string_view bytes = source->bytes();
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    auto lc = source->lines().At(offset);
    errors_.push_back(Error("binary input (NUL byte); not a YAML or JSON manifest",
                            SourcePos{source->name(), lc.line, lc.column}));
    // Keep the source alive: the error names it.
    files_.emplace_back().source = std::move(source);
    inputs_.push_back(std::move(input));
    return;
  }
  if (HasGoTemplateAction(source->bytes())) {
    auto lc = source->lines().At(source->bytes().find("{{"));
    notes_.push_back(
        Error(std::string(kTemplateNote), SourcePos{source->name(), lc.line, lc.column}));
    return;
  }
  doc::LoadedFile& file = files_.emplace_back();
  file.source = std::move(source);
  inputs_.push_back(std::move(input));
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
  if (st) return;
  std::string_view bytes = file.source->bytes();
  if (std::size_t at = bytes.find("{{"); at != std::string_view::npos) {
    // Template syntax that is not YAML (`{{- if }}` lines): a chart template, not a manifest.
    file.documents.clear();
    auto lc = file.source->lines().At(at);
    notes_.push_back(
        Error(std::string(kTemplateNote), SourcePos{file.source->name(), lc.line, lc.column}));
    return;
  }
  errors_.push_back(st.error());
}

void Bundle::Finish() {
  objects_.clear();
  unset_keys_.clear();
  std::vector<std::size_t> first_object;  // per file
  for (const doc::LoadedFile& f : files_) {
    first_object.push_back(objects_.size());
    bool noted = false;
    auto note = [&](const doc::Node* at, std::string message) {
      if (noted) return;
      noted = true;
      notes_.push_back(
          Error(std::move(message), SourcePos{f.source->name(), at->line(), at->column()}));
    };
    for (const doc::Document& d : f.documents) {
      if (!d.root) continue;
      if (d.root->IsSeq()) {
        note(d.root, "a top-level list, not a Kubernetes object (skipped)");
        continue;
      }
      if (d.root->IsScalar()) {
        note(d.root, "a top-level scalar, not a Kubernetes object (skipped)");
        continue;
      }
      if (!d.root->Get("apiVersion") && !d.root->Get("kind")) {
        note(d.root, "no apiVersion and kind: not a Kubernetes manifest (skipped)");
        continue;
      }
      CollectObjects(d, pod_templates_, objects_);
    }
  }
  ScopeUnsetNamespaces(first_object);
}

void Bundle::ScopeUnsetNamespaces(const std::vector<std::size_t>& first_object) {
  // Inputs that hold objects; with one, every key stays empty.
  std::vector<std::size_t> holding;
  for (std::size_t i = 0; i < files_.size(); ++i) {
    std::size_t end = i + 1 < files_.size() ? first_object[i + 1] : objects_.size();
    if (end > first_object[i]) holding.push_back(i);
  }
  bool one_input = std::all_of(holding.begin(), holding.end(),
                               [&](std::size_t i) { return inputs_[i] == inputs_[holding[0]]; });
  if (one_input) return;
  std::map<std::string_view, std::string_view> keys;  // input -> key
  for (std::size_t i : holding) {
    auto [it, added] = keys.try_emplace(inputs_[i]);
    if (added) it->second = unset_keys_.emplace_back("default@" + inputs_[i]);
    std::size_t end = i + 1 < files_.size() ? first_object[i + 1] : objects_.size();
    for (std::size_t k = first_object[i]; k < end; ++k) {
      if (objects_[k].namespace_().empty()) objects_[k].set_unset_namespace(it->second);
    }
  }
}

}  // namespace gori::k8s
