#include "json/writer.h"
#include "k8s/object.h"
#include "report/report.h"

namespace gori::report {
namespace {

// "object": apiVersion, kind, namespace and name.
void WriteObject(json::Writer& w, const k8s::Object& o) {
  w.Key("object").BeginObject();
  w.Member("apiVersion", o.api_version());
  w.Member("kind", o.kind());
  w.Member("namespace", o.namespace_());
  w.Member("name", o.name());
  w.EndObject();
}

// "file", "line", "column" as shown; for rendered or relocated positions also the rendered line
// and where the text sits in the checked input.
void WritePosition(json::Writer& w, const Location& loc) {
  w.Member("file", loc.file);
  w.Member("line", loc.line);
  w.Member("column", loc.column);
  if (loc.rendered_line != 0) w.Member("rendered_line", loc.rendered_line);
  if (loc.Relocated()) {
    w.Key("input").BeginObject();
    w.Member("file", loc.input_file);
    w.Member("line", loc.input_line);
    w.Member("column", loc.input_column);
    w.EndObject();
  }
}

}  // namespace

void WriteJson(const Report& report, std::string& out) {
  json::Writer w(out, 2);
  w.BeginObject();
  w.Key("findings").BeginArray();
  for (const rules::Finding& f : report.findings) {
    if (f.suppressed && !report.show_suppressed) continue;
    Location loc = report.Where(f);
    w.BeginObject();
    w.Member("rule", f.rule_id);
    if (!f.also_rules.empty()) {
      w.Key("also_rules").BeginArray();
      for (std::string_view id : f.also_rules) w.String(id);
      w.EndArray();
    }
    w.Member("severity", rules::SeverityName(f.severity));
    w.Member("message", f.message);
    WritePosition(w, loc);
    if (!f.path.empty()) w.Member("path", f.path);
    if (!f.container.empty()) w.Member("container", f.container);
    if (f.object) {
      WriteObject(w, *f.object);
    } else {
      w.Key("object").BeginObject().EndObject();
    }
    w.Member("remediation", f.remediation);
    if (f.suppressed) {
      w.Member("suppressed", true);
      w.Member("suppression", f.suppression_reason);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("errors").BeginArray();
  for (const Error& e : report.errors) {
    w.BeginObject();
    WritePosition(w, report.Where(e));
    w.Member("message", e.message);
    w.EndObject();
  }
  w.EndArray();
  if (!report.audit.empty()) {
    w.Key("audit_annotations").BeginArray();
    for (const rules::ObjectAudit& a : report.audit) {
      w.BeginObject();
      WritePosition(w, report.Where(*a.object));
      WriteObject(w, *a.object);
      w.Key("annotations").BeginObject();
      for (const auto& [key, value] : a.annotations) w.Member(key, value);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  auto counts = report.CountBySeverity();
  std::size_t total = 0;
  for (auto c : counts) total += c;
  w.Key("summary").BeginObject();
  w.Member("files", static_cast<uint64_t>(report.files));
  w.Member("objects", static_cast<uint64_t>(report.objects));
  w.Member("findings", static_cast<uint64_t>(total));
  w.Key("by_severity").BeginObject();
  for (int s = 4; s >= 0; --s) {
    w.Member(rules::SeverityName(static_cast<rules::Severity>(s)),
             static_cast<uint64_t>(counts[static_cast<std::size_t>(s)]));
  }
  w.EndObject();
  w.Member("suppressed", static_cast<uint64_t>(report.Suppressed()));
  w.Member("errors", static_cast<uint64_t>(report.errors.size()));
  w.Member("fail_on",
           report.fail_never ? std::string_view("none") : rules::SeverityName(report.fail_on));
  w.Member("failed", report.Fails());
  w.EndObject();
  if (report.extra_json) report.extra_json(w);
  w.EndObject();
  out.push_back('\n');
}

}  // namespace gori::report
