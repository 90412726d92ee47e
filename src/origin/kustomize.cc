#include "origin/kustomize.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include "origin/process.h"

namespace gori::origin {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  return s;
}

std::string_view Unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

bool IsFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// kubectl prints `E1126 09:08:44.021376 25183 run.go:72] "command failed" err="..."`; the err
// text is what a user needs.
std::string KubectlError(std::string_view err) {
  err = Trim(err);
  std::size_t at = err.rfind(" err=\"");
  if (at != std::string_view::npos) {
    std::string_view msg = err.substr(at + 6);
    if (!msg.empty() && msg.back() == '"') msg.remove_suffix(1);
    std::string out;
    for (std::size_t i = 0; i < msg.size(); ++i) {
      if (msg[i] == '\\' && i + 1 < msg.size()) ++i;
      out.push_back(msg[i]);
    }
    return out;
  }
  std::size_t nl = err.rfind('\n');
  return std::string(nl == std::string_view::npos ? err : err.substr(nl + 1));
}

}  // namespace

std::optional<KustomizeOrigin> ParseOriginAnnotation(std::string_view text) {
  KustomizeOrigin o;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line.front() == ' ' || line.front() == '\t') continue;  // nested keys
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = Trim(line.substr(0, colon));
    std::string_view value = Unquote(Trim(line.substr(colon + 1)));
    if (key == "path") {
      o.path = value;
    } else if (key == "repo") {
      o.repo = value;
    } else if (key == "configuredIn") {
      o.configured_in = value;
    }
  }
  if (o.path.empty() && o.configured_in.empty()) return std::nullopt;
  return o;
}

std::string FindKustomization(const std::string& dir) {
  std::string base = dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  for (std::string_view name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    std::string path = fmt::format("{}/{}", base, name);
    if (IsFile(path)) return path;
  }
  return {};
}

bool KubectlAvailable() { return !FindInPath("kubectl").empty(); }

std::string KubectlMissingMessage() {
  return "--kustomize runs `kubectl kustomize`, and kubectl is not in PATH; install kubectl "
         "(Debian: apt-get install kubernetes-client), or pipe the output yourself: "
         "kustomize build DIR | gori check -";
}

Result<KustomizeRun> RunKustomize(const std::string& dir, int timeout_ms) {
  std::string kustomization = FindKustomization(dir);
  if (kustomization.empty()) {
    return Fail(fmt::format("no kustomization.yaml, kustomization.yml or Kustomization in {}", dir),
                SourcePos{dir, 0, 0});
  }
  if (!KubectlAvailable()) return Fail(KubectlMissingMessage());
  auto run = RunProcess({"kubectl", "kustomize", dir}, timeout_ms);
  if (!run) return Fail(fmt::format("kubectl kustomize {}: {}", dir, run.error().message));
  if (run->exit_code != 0) {
    std::string why = KubectlError(run->err);
    if (why.find("unknown field \"buildMetadata\"") != std::string::npos) {
      why += " (buildMetadata needs kustomize 4.5 or later: kubectl 1.24 or later)";
    }
    return Fail(fmt::format("kubectl kustomize {} failed (exit {}): {}", dir, run->exit_code, why),
                SourcePos{kustomization, 0, 0});
  }
  KustomizeRun result;
  result.kustomization = kustomization;
  result.source = Source::FromString(kustomization, std::move(run->out));
  return result;
}

}  // namespace gori::origin
