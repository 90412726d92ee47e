#include <fmt/format.h>

#include "base/display_width.h"
#include "k8s/object.h"
#include "report/report.h"

namespace gori::report {
namespace {

std::string_view Color(rules::Severity s) {
  switch (s) {
    case rules::Severity::kCritical:
      return "\x1b[1;35m";
    case rules::Severity::kHigh:
      return "\x1b[1;31m";
    case rules::Severity::kMedium:
      return "\x1b[1;33m";
    case rules::Severity::kLow:
      return "\x1b[1;36m";
    case rules::Severity::kInfo:
      return "\x1b[1;34m";
  }
  return "";
}

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

// The source line and a caret under the column, placed by display width (wide characters take
// two cells, combining marks none; tabs kept so the caret lines up). The gutter shows the line
// number the user knows (the rendered line for rendered inputs).
void Excerpt(const Location& loc, std::string& out) {
  if (!loc.source || loc.source_line == 0) return;
  if (loc.source_line > loc.source->lines().LineCount()) return;
  std::string_view text = loc.source->lines().Line(loc.source_line);
  std::string gutter = fmt::format("{:>5} | ", loc.ShownLine(loc.source_line));
  out += gutter;
  out.append(text);
  out.push_back('\n');
  out.append(gutter.size() - 2, ' ');
  out.append("| ");
  out += CaretPadding(text, loc.source_column);
  out.append("^\n");
}

}  // namespace

void WriteText(const Report& report, const TextOptions& options, std::string& out) {
  auto paint = [&](std::string_view code, std::string_view text) {
    if (!options.color) return std::string(text);
    return fmt::format("{}{}{}", code, text, kReset);
  };
  for (const Error& e : report.errors) {
    std::string where = report.Where(e).Display();
    if (!where.empty()) out += where + ": ";
    out += fmt::format("{}: {}\n", paint("\x1b[1;31m", "error"), e.message);
  }
  for (const rules::Finding& f : report.findings) {
    if (f.suppressed && !report.show_suppressed) continue;
    Location loc = report.Where(f);
    std::string_view sev = rules::SeverityName(f.severity);
    out += fmt::format("{}: {} {}: {}", loc.Display(), paint(Color(f.severity), sev),
                       paint(kBold, f.rule_id), f.message);
    if (f.suppressed) out += fmt::format(" [suppressed: {}]", f.suppression_reason);
    out.push_back('\n');
    // A credential's line is never printed: CI logs are widely readable.
    if (options.excerpts && !f.sensitive) Excerpt(loc, out);
  }
  for (const rules::ObjectAudit& a : report.audit) {
    std::string where = report.Where(*a.object).Display();
    std::string object =
        a.object->namespace_().empty()
            ? fmt::format("{} {}", a.object->kind(), a.object->name())
            : fmt::format("{} {}/{}", a.object->kind(), a.object->namespace_(), a.object->name());
    for (const auto& [key, value] : a.annotations) {
      out += fmt::format("{}: {} {}: {} ({})\n", where, paint(kBold, "audit annotation"), key,
                         value, object);
    }
  }
  auto counts = report.CountBySeverity();
  std::size_t total = 0;
  for (auto c : counts) total += c;
  std::vector<std::string> parts;
  for (int s = 4; s >= 0; --s) {
    if (counts[static_cast<std::size_t>(s)] == 0) continue;
    parts.push_back(fmt::format("{} {}", counts[static_cast<std::size_t>(s)],
                                rules::SeverityName(static_cast<rules::Severity>(s))));
  }
  out += fmt::format(
      "{} finding{}{}{} in {} object{} from {} file{}", total, total == 1 ? "" : "s",
      parts.empty() ? "" : " (", parts.empty() ? "" : fmt::format("{})", fmt::join(parts, ", ")),
      report.objects, report.objects == 1 ? "" : "s", report.files, report.files == 1 ? "" : "s");
  if (std::size_t s = report.Suppressed()) out += fmt::format(", {} suppressed", s);
  if (!report.errors.empty()) {
    out += fmt::format(", {} input error{}", report.errors.size(),
                       report.errors.size() == 1 ? "" : "s");
  }
  out.push_back('\n');
  if (report.extra_text) report.extra_text(out);
}

}  // namespace gori::report
