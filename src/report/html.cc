// The HTML report: one self-contained page. A Content-Security-Policy forbids every fetch, so
// the page works offline and cannot leak anything. Summary, input errors and rule help are
// written here; the findings travel as JSON in <script id="gori-data"> and the inline script
// (html_assets.cc) renders them grouped by file, with excerpts and filters.
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/display_width.h"
#include "base/html_escape.h"
#include "json/writer.h"
#include "report/escape.h"
#include "report/html_assets.h"
#include "report/paths.h"
#include "report/report.h"
#include "rules/mapping_provider.h"
#include "rules/registry.h"

namespace gori::report {
namespace {

constexpr uint32_t kContextLines = 2;
constexpr std::size_t kMaxExcerptLineBytes = 400;

std::string H(std::string_view s) {
  std::string out;
  AppendHtml(s, out);
  return out;
}

std::string ObjectName(const k8s::Object* o) {
  if (!o) return "";
  if (o->namespace_().empty()) return fmt::format("{} {}", o->kind(), o->name());
  return fmt::format("{} {}/{}", o->kind(), o->namespace_(), o->name());
}

void Excerpt(json::Writer& w, const Location& loc) {
  if (!loc.source || loc.source_line == 0) return;
  const LineIndex& lines = loc.source->lines();
  if (loc.source_line > lines.LineCount()) return;
  uint32_t first = loc.source_line > kContextLines ? loc.source_line - kContextLines : 1;
  while (first < loc.source_line && loc.ShownLine(first) < 1) ++first;
  uint32_t last = std::min(lines.LineCount(), loc.source_line + kContextLines);
  w.Key("excerpt").BeginObject();
  w.Member("first", loc.ShownLine(first));
  w.Member("mark", loc.ShownLine(loc.source_line));
  w.Member("column", loc.source_column);
  // The caret's indentation by display width (base/display_width.h): the page cannot know
  // which cells the column's bytes take.
  w.Member("pad", CaretPadding(lines.Line(loc.source_line), loc.source_column));
  w.Key("lines").BeginArray();
  for (uint32_t k = first; k <= last; ++k) {
    std::string_view text = lines.Line(k);
    if (text.size() > kMaxExcerptLineBytes) text = text.substr(0, kMaxExcerptLineBytes);
    w.String(text);
  }
  w.EndArray();
  w.EndObject();
}

std::string DataJson(const Report& report, const std::vector<FileGroup>& groups) {
  std::set<const Source*> sensitive_sources;
  for (const rules::Finding& f : report.findings) {
    if (f.sensitive) sensitive_sources.insert(report.Where(f).source);
  }
  std::string json;
  json::Writer w(json);
  w.BeginObject();
  w.Key("files").BeginArray();
  for (const FileGroup& g : groups) {
    if (g.findings.empty()) continue;
    w.BeginObject();
    w.Member("file", g.file);
    w.Key("findings").BeginArray();
    for (std::size_t i : g.findings) {
      const rules::Finding& f = report.findings[i];
      Location loc = report.Where(f);
      const rules::Rule* r = rules::FindRule(f.rule_id);
      w.BeginObject();
      w.Member("rule", f.rule_id);
      w.Member("severity", rules::SeverityName(f.severity));
      w.Member("family", r ? rules::FamilyName(r->Info().family) : std::string_view("other"));
      w.Member("message", f.message);
      w.Member("where", loc.Display());
      w.Member("object", ObjectName(f.object));
      w.Member("path", f.path);
      w.Member("remediation", f.remediation);
      w.Member("suppressed", f.suppressed);
      if (f.suppressed) w.Member("reason", f.suppression_reason);
      // Excerpts carry context lines, so a file holding a credential shows none at all.
      if (!sensitive_sources.contains(loc.source)) Excerpt(w, loc);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return json;
}

void Summary(const Report& report, std::string& out) {
  auto counts = report.CountBySeverity();
  std::size_t total = 0;
  for (auto c : counts) total += c;
  out += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n";
  for (int s = 4; s >= 0; --s) {
    std::string_view name = rules::SeverityName(static_cast<rules::Severity>(s));
    out += fmt::format(
        "<div class=\"card {0}\" id=\"count-{0}\"><div class=\"n\">{1}</div>{0}</div>\n", name,
        counts[static_cast<std::size_t>(s)]);
  }
  out += fmt::format(
      "<div class=\"card supp\" id=\"count-suppressed\"><div class=\"n\">{}</div>suppressed</div>"
      "\n<div class=\"card err\" id=\"count-errors\"><div class=\"n\">{}</div>input errors</div>"
      "\n</div>\n",
      report.Suppressed(), report.errors.size());

  // Family x severity, unsuppressed findings.
  std::map<std::string_view, std::array<std::size_t, 5>> by_family;
  for (const rules::Finding& f : report.findings) {
    if (f.suppressed) continue;
    const rules::Rule* r = rules::FindRule(f.rule_id);
    std::string_view fam = r ? rules::FamilyName(r->Info().family) : "other";
    ++by_family[fam][static_cast<std::size_t>(f.severity)];
  }
  out += "<table id=\"by-family\">\n<tr><th>family</th>";
  for (int s = 4; s >= 0; --s) {
    out += fmt::format("<th>{}</th>", rules::SeverityName(static_cast<rules::Severity>(s)));
  }
  out += "<th>total</th></tr>\n";
  for (const auto& [fam, c] : by_family) {
    out += fmt::format("<tr><td>{}</td>", H(fam));
    std::size_t sum = 0;
    for (int s = 4; s >= 0; --s) {
      std::size_t n = c[static_cast<std::size_t>(s)];
      sum += n;
      out += n ? fmt::format("<td>{}</td>", n) : "<td class=\"zero\">0</td>";
    }
    out += fmt::format("<td>{}</td></tr>\n", sum);
  }
  out += fmt::format("<tr><th>all</th>");
  for (int s = 4; s >= 0; --s)
    out += fmt::format("<th>{}</th>", counts[static_cast<std::size_t>(s)]);
  out += fmt::format("<th>{}</th></tr>\n</table>\n</section>\n", total);
}

void Errors(const Report& report, std::string& out) {
  if (report.errors.empty()) return;
  out += "<section id=\"errors\" class=\"errors\">\n<h2>Input errors</h2>\n<ul>\n";
  for (const Error& e : report.errors) {
    std::string where = report.Where(e).Display();
    out += fmt::format("<li>{}{}</li>\n", where.empty() ? "" : H(where) + ": ", H(e.message));
  }
  out += "</ul>\n</section>\n";
}

void Filters(const Report& report, std::string& out) {
  out += "<section id=\"filters\">\n<span>Severity:</span>\n";
  for (int s = 4; s >= 0; --s) {
    std::string_view name = rules::SeverityName(static_cast<rules::Severity>(s));
    out += fmt::format("<label><input type=\"checkbox\" id=\"f-sev-{0}\" checked> {0}</label>\n",
                       name);
  }
  out +=
      "<label>Rule <select id=\"f-rule\"><option value=\"\">all</option></select></label>\n"
      "<label>Family <select id=\"f-family\"><option value=\"\">all</option></select></label>\n"
      "<label>Search <input type=\"search\" id=\"f-text\" placeholder=\"message, object, "
      "path\"></label>\n";
  out += fmt::format(
      "<label><input type=\"checkbox\" id=\"f-suppressed\"{}> show suppressed</label>\n",
      report.show_suppressed ? " checked" : "");
  out += "<span id=\"shown\"></span>\n</section>\n";
}

void RuleHelp(const Report& report, std::string& out) {
  std::set<std::string_view> fired;
  for (const rules::Finding& f : report.findings) {
    fired.insert(f.rule_id);
    fired.insert(f.also_rules.begin(), f.also_rules.end());
  }
  std::vector<const rules::Rule*> used = report.RulesUsed();
  out += "<section id=\"rules\" class=\"rulehelp\">\n<h2>Rules</h2>\n";
  for (const rules::Rule* r : used) {
    const rules::RuleInfo& info = r->Info();
    if (!fired.count(info.id)) continue;
    out += fmt::format(
        "<details id=\"rule-{0}\"><summary><span class=\"sev {1}\">{1}</span> "
        "<span class=\"rule\">{0}</span> {2} <span class=\"maps\">({3})</span></summary>\n",
        H(info.id), rules::SeverityName(info.severity), H(info.summary),
        H(rules::FamilyName(info.family)));
    if (!info.rationale.empty()) out += fmt::format("<p>{}</p>\n", H(info.rationale));
    if (!info.remediation.empty()) {
      out += fmt::format("<p><b>How to fix:</b> {}</p>\n", H(info.remediation));
    }
    if (!info.failing_example.empty()) {
      out += fmt::format("<p>Fails:</p><pre>{}</pre>\n", H(info.failing_example));
    }
    if (!info.passing_example.empty()) {
      out += fmt::format("<p>Passes:</p><pre>{}</pre>\n", H(info.passing_example));
    }
    if (auto mappings = rules::MappingsOf(info); !mappings.empty()) {
      std::string maps;
      for (std::string_view m : mappings) maps += (maps.empty() ? "" : ", ") + H(m);
      out += fmt::format("<p class=\"maps\">Maps to: {}</p>\n", maps);
    }
    out += "</details>\n";
  }
  std::vector<std::string> ran;
  for (const rules::Rule* r : used) ran.push_back(H(r->Info().id));
  out += fmt::format("<p class=\"maps\">{} rule{} ran: {}</p>\n</section>\n", used.size(),
                     used.size() == 1 ? "" : "s", fmt::join(ran, ", "));
}

}  // namespace

void WriteHtml(const Report& report, const WriteOptions& options, std::string& out) {
  std::vector<FileGroup> groups = GroupByFile(report, true);
  auto counts = report.CountBySeverity();
  std::size_t total = 0;
  for (auto c : counts) total += c;
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
      "<title>gori check report</title>\n<style>";
  out += kHtmlStyle;
  out += "</style>\n</head>\n<body>\n<header>\n<h1>gori check</h1>\n";
  out += fmt::format(
      "<p class=\"meta\">{} finding{} in {} object{} from {} file{}{}{}{}</p>\n</header>\n", total,
      total == 1 ? "" : "s", report.objects, report.objects == 1 ? "" : "s", report.files,
      report.files == 1 ? "" : "s",
      report.errors.empty() ? ""
                            : fmt::format(", {} input error{}", report.errors.size(),
                                          report.errors.size() == 1 ? "" : "s"),
      report.fail_never
          ? ""
          : fmt::format(" &middot; fails on {} and above", rules::SeverityName(report.fail_on)),
      options.tool_version.empty() ? ""
                                   : fmt::format(" &middot; gori {}", H(options.tool_version)));
  Summary(report, out);
  Errors(report, out);
  Filters(report, out);
  out +=
      "<main id=\"files\"><noscript><p class=\"empty\">The findings list needs JavaScript; "
      "gori check --format text shows the same findings.</p></noscript></main>\n";
  RuleHelp(report, out);
  out += "<script type=\"application/json\" id=\"gori-data\">";
  AppendScriptJson(DataJson(report, groups), out);
  out += "</script>\n<script>";
  out += kHtmlScript;
  out += "</script>\n</body>\n</html>\n";
}

}  // namespace gori::report
