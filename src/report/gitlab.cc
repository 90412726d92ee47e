// GitLab Code Quality report: a JSON array of Code Climate issues (description, check_name,
// fingerprint, severity, location.path + lines.begin). Paths are repository-relative. Suppressed
// findings are left out (the format has no notion of them); input errors are reported as
// blocker issues so a broken manifest is visible in the merge request.
#include <map>

#include <fmt/format.h>

#include "json/writer.h"
#include "report/fingerprint.h"
#include "report/paths.h"
#include "report/report.h"
#include "rules/registry.h"

namespace gori::report {
namespace {

std::string_view GitlabSeverity(rules::Severity s) {
  switch (s) {
    case rules::Severity::kCritical:
      return "blocker";
    case rules::Severity::kHigh:
      return "critical";
    case rules::Severity::kMedium:
      return "major";
    case rules::Severity::kLow:
      return "minor";
    case rules::Severity::kInfo:
      return "info";
  }
  return "major";
}

std::string_view Category(std::string_view rule_id) {
  const rules::Rule* r = rules::FindRule(rule_id);
  if (!r) return "Bug Risk";
  switch (r->Info().family) {
    case rules::Family::kReliability:
      return "Bug Risk";
    case rules::Family::kResources:
      return "Performance";
    case rules::Family::kMeta:
      return "Style";
    default:
      return "Security";
  }
}

void Issue(json::Writer& w, std::string_view check, std::string_view description,
           std::string_view severity, std::string_view category, const std::string& fingerprint,
           const std::string& path, uint32_t line) {
  w.BeginObject();
  w.Member("type", "issue");
  w.Member("check_name", check);
  w.Member("description", description);
  w.Key("categories").BeginArray().String(category).EndArray();
  w.Member("severity", severity);
  w.Member("fingerprint", fingerprint);
  w.Key("location").BeginObject();
  w.Member("path", path);
  w.Key("lines").BeginObject().Member("begin", line == 0 ? 1u : line).EndObject();
  w.EndObject();
  w.EndObject();
}

}  // namespace

void WriteGitlab(const Report& report, const WriteOptions& options, std::string& out) {
  json::Writer w(out, 2);
  // GitLab merges issues with equal fingerprints; a repeat gets its occurrence number mixed in.
  std::map<std::string, int> seen;
  auto unique = [&](std::string fp, std::string_view path, auto&& remake) {
    int n = seen[fp]++;
    if (n == 0) return fp;
    return remake(fmt::format("{}#{}", path, n));
  };
  w.BeginArray();
  for (const Error& e : report.errors) {
    Location loc = report.Where(e);
    std::string path = ArtifactPath(loc.file, options.source_root);
    rules::Finding pseudo;
    pseudo.rule_id = "input-error";
    pseudo.file = path;
    pseudo.message = e.message;
    std::string fp = unique(Fingerprint(pseudo, path), path,
                            [&](const std::string& scope) { return Fingerprint(pseudo, scope); });
    Issue(w, "input-error",
          loc.rendered_line ? fmt::format("{} ({})", e.message, loc.Display()) : e.message,
          "blocker", "Bug Risk", fp, path, loc.line);
  }
  for (const rules::Finding& f : report.findings) {
    if (f.suppressed) continue;
    Location loc = report.Where(f);
    std::string path = ArtifactPath(loc.file, options.source_root);
    std::string fp = unique(Fingerprint(f, path), path,
                            [&](const std::string& scope) { return Fingerprint(f, scope); });
    std::string description = fmt::format("{}: {}", f.rule_id, f.message);
    if (loc.rendered_line != 0)
      description += fmt::format(" (rendered line {})", loc.rendered_line);
    Issue(w, f.rule_id, description, GitlabSeverity(f.severity), Category(f.rule_id), fp, path,
          loc.line);
  }
  w.EndArray();
  out.push_back('\n');
}

}  // namespace gori::report
