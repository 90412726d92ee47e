// JUnit XML as GitLab and Jenkins read it: <testsuites> with one <testsuite> per shown file,
// one <testcase> per object (passing when it has no finding), and input errors as <error>.
// Both readers keep only the first <failure> of a testcase, so an object with several findings
// gets one <failure> whose message counts them and whose text lists every one.
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/escape.h"
#include "report/paths.h"
#include "report/report.h"

namespace gori::report {
namespace {

std::string Attr(std::string_view s) {
  std::string out;
  AppendXml(s, out, true);
  return out;
}

std::string CaseName(const k8s::Object& o) {
  if (o.namespace_().empty()) return fmt::format("{} {}", o.kind(), o.name());
  return fmt::format("{} {}/{}", o.kind(), o.namespace_(), o.name());
}

struct Case {
  std::string name;
  std::vector<const rules::Finding*> findings;  // unsuppressed
  std::vector<const rules::Finding*> suppressed;
  std::vector<const Error*> errors;
};

void WriteFailure(const Report& report, const std::vector<const rules::Finding*>& findings,
                  std::string& out) {
  const rules::Finding* worst = findings.front();
  for (const rules::Finding* f : findings) {
    if (f->severity > worst->severity) worst = f;
  }
  std::string message = fmt::format("{} {}: {}", rules::SeverityName(worst->severity),
                                    worst->rule_id, worst->message);
  if (findings.size() > 1) {
    std::array<std::size_t, 5> counts{};
    for (const rules::Finding* f : findings) ++counts[static_cast<std::size_t>(f->severity)];
    std::vector<std::string> parts;
    for (int s = 4; s >= 0; --s) {
      if (counts[static_cast<std::size_t>(s)] == 0) continue;
      parts.push_back(fmt::format("{} {}", counts[static_cast<std::size_t>(s)],
                                  rules::SeverityName(static_cast<rules::Severity>(s))));
    }
    message = fmt::format("{} findings ({}); worst: {}", findings.size(), fmt::join(parts, ", "),
                          message);
  }
  std::string text;
  for (const rules::Finding* f : findings) {
    text += fmt::format("{}: {} {}: {}\n", report.Where(*f).Display(),
                        rules::SeverityName(f->severity), f->rule_id, f->message);
    if (!f->remediation.empty()) text += fmt::format("  fix: {}\n", f->remediation);
  }
  out += fmt::format("      <failure message=\"{}\" type=\"{}\">", Attr(message),
                     Attr(worst->rule_id));
  AppendXml(text, out, false);
  out += "</failure>\n";
}

void WriteCase(const Report& report, std::string_view classname, const Case& c, std::string& out) {
  out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", Attr(c.name),
                     Attr(classname));
  if (c.findings.empty() && c.suppressed.empty() && c.errors.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  for (const Error* e : c.errors) {
    out += fmt::format("      <error message=\"{}\" type=\"input-error\">", Attr(e->message));
    std::string where = report.Where(*e).Display();
    AppendXml(where.empty() ? e->message : where + ": " + e->message, out, false);
    out += "</error>\n";
  }
  if (!c.findings.empty()) WriteFailure(report, c.findings, out);
  if (!c.suppressed.empty()) {
    std::string text;
    for (const rules::Finding* f : c.suppressed) {
      text += fmt::format("suppressed: {}: {} {}: {} ({})\n", report.Where(*f).Display(),
                          rules::SeverityName(f->severity), f->rule_id, f->message,
                          f->suppression_reason);
    }
    out += "      <system-out>";
    AppendXml(text, out, false);
    out += "</system-out>\n";
  }
  out += "    </testcase>\n";
}

}  // namespace

void WriteJunit(const Report& report, const WriteOptions&, std::string& out) {
  std::vector<FileGroup> groups = GroupByFile(report, true);
  // Findings follow their object's testcase even if a locator shows them elsewhere.
  std::map<const k8s::Object*, std::vector<const rules::Finding*>> by_object;
  std::set<const k8s::Object*> checked;
  for (const k8s::Object& o : report.checked) checked.insert(&o);
  for (const rules::Finding& f : report.findings) {
    if (f.object) by_object[f.object].push_back(&f);
  }
  struct Suite {
    std::string_view file;
    std::vector<Case> cases;
  };
  std::vector<Suite> suites;
  std::size_t tests = 0, failures = 0, errors = 0;
  for (const FileGroup& g : groups) {
    Suite s{g.file, {}};
    for (std::size_t i : g.objects) {
      const k8s::Object& o = report.checked[i];
      Case c{CaseName(o), {}, {}, {}};
      for (const rules::Finding* f : by_object[&o]) {
        (f->suppressed ? c.suppressed : c.findings).push_back(f);
      }
      s.cases.push_back(std::move(c));
    }
    // Findings about objects the report does not list (or no object at all) still get a case.
    std::map<const k8s::Object*, std::size_t> extra;
    Case loose{"document", {}, {}, {}};
    for (std::size_t i : g.findings) {
      const rules::Finding& f = report.findings[i];
      if (f.object && checked.count(f.object)) continue;
      Case* c = &loose;
      if (f.object) {
        auto [it, fresh] = extra.try_emplace(f.object, s.cases.size());
        if (fresh) s.cases.push_back(Case{CaseName(*f.object), {}, {}, {}});
        c = &s.cases[it->second];
      }
      (f.suppressed ? c->suppressed : c->findings).push_back(&f);
    }
    if (!loose.findings.empty() || !loose.suppressed.empty()) s.cases.push_back(std::move(loose));
    if (!g.errors.empty()) {
      Case input{"input", {}, {}, {}};
      for (std::size_t i : g.errors) input.errors.push_back(&report.errors[i]);
      s.cases.push_back(std::move(input));
    }
    if (!s.cases.empty()) suites.push_back(std::move(s));
  }
  auto count = [](const Suite& s, std::size_t& t, std::size_t& f, std::size_t& e) {
    t = s.cases.size();
    f = e = 0;
    for (const Case& c : s.cases) {
      f += c.findings.empty() ? 0 : 1;
      e += c.errors.empty() ? 0 : 1;
    }
  };
  for (const Suite& s : suites) {
    std::size_t t, f, e;
    count(s, t, f, e);
    tests += t;
    failures += f;
    errors += e;
  }
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<testsuites name=\"gori check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"0\">\n",
      tests, failures, errors);
  for (const Suite& s : suites) {
    std::size_t t, f, e;
    count(s, t, f, e);
    std::string name(s.file.empty() ? std::string_view("gori") : s.file);
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
        "time=\"0\">\n",
        Attr(name), t, f, e);
    for (const Case& c : s.cases) WriteCase(report, name, c, out);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
}

}  // namespace gori::report
