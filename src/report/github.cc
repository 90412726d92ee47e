// GitHub Actions workflow commands: one `::error|warning|notice file=..,line=..,col=..,title=..::`
// line per finding, which the runner turns into annotations on the pull request. Critical and
// high findings are errors, medium warnings, low and info notices. Messages escape % CR LF;
// property values also ':' and ','. Suppressed findings are left out.
#include <fmt/format.h>

#include "report/escape.h"
#include "report/paths.h"
#include "report/report.h"

namespace gori::report {
namespace {

std::string_view Command(rules::Severity s) {
  switch (s) {
    case rules::Severity::kCritical:
    case rules::Severity::kHigh:
      return "error";
    case rules::Severity::kMedium:
      return "warning";
    case rules::Severity::kLow:
    case rules::Severity::kInfo:
      return "notice";
  }
  return "warning";
}

void Annotation(std::string_view command, const Location& loc, std::string_view title,
                std::string_view message, const WriteOptions& options, std::string& out) {
  out += "::";
  out += command;
  char sep = ' ';
  auto property = [&](std::string_view key, std::string_view value) {
    out.push_back(sep);
    sep = ',';
    out += key;
    out.push_back('=');
    AppendGithubProperty(value, out);
  };
  if (!loc.file.empty()) {
    property("file", ArtifactPath(loc.file, options.source_root));
    if (loc.line != 0) {
      property("line", fmt::to_string(loc.line));
      if (loc.column != 0) property("col", fmt::to_string(loc.column));
    }
  }
  property("title", title);
  out += "::";
  AppendGithubData(message, out);
  out.push_back('\n');
}

}  // namespace

void WriteGithub(const Report& report, const WriteOptions& options, std::string& out) {
  for (const Error& e : report.errors) {
    Location loc = report.Where(e);
    std::string message = e.message;
    if (loc.rendered_line != 0) message += fmt::format(" (rendered line {})", loc.rendered_line);
    Annotation("error", loc, "gori: input error", message, options, out);
  }
  for (const rules::Finding& f : report.findings) {
    if (f.suppressed) continue;
    Location loc = report.Where(f);
    std::string message = f.message;
    if (loc.rendered_line != 0) message += fmt::format(" (rendered line {})", loc.rendered_line);
    if (!f.remediation.empty()) message += fmt::format("\nFix: {}", f.remediation);
    Annotation(Command(f.severity), loc,
               fmt::format("{} ({})", f.rule_id, rules::SeverityName(f.severity)), message, options,
               out);
  }
  auto counts = report.CountBySeverity();
  std::size_t total = 0;
  for (auto c : counts) total += c;
  out += fmt::format("gori: {} finding{} in {} object{} from {} file{}", total,
                     total == 1 ? "" : "s", report.objects, report.objects == 1 ? "" : "s",
                     report.files, report.files == 1 ? "" : "s");
  if (!report.errors.empty()) {
    out += fmt::format(", {} input error{}", report.errors.size(),
                       report.errors.size() == 1 ? "" : "s");
  }
  out.push_back('\n');
}

}  // namespace gori::report
