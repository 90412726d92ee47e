// SARIF 2.1.0 (OASIS): one run whose driver lists the rules that ran, one result per finding
// (suppressed findings carry a suppression, as SARIF wants, instead of disappearing), and input
// errors as tool execution notifications. Shaped for GitHub code scanning: relative URIs on
// %SRCROOT%, partialFingerprints independent of line numbers, security-severity on security
// rules.
#include <map>

#include <fmt/format.h>

#include "json/writer.h"
#include "report/escape.h"
#include "report/fingerprint.h"
#include "report/paths.h"
#include "report/report.h"
#include "rules/mapping_provider.h"

namespace gori::report {
namespace {

constexpr std::string_view kSrcRoot = "%SRCROOT%";

std::string_view Level(rules::Severity s) {
  switch (s) {
    case rules::Severity::kCritical:
    case rules::Severity::kHigh:
      return "error";
    case rules::Severity::kMedium:
      return "warning";
    case rules::Severity::kLow:
    case rules::Severity::kInfo:
      return "note";
  }
  return "warning";
}

// GitHub code scanning reads this for rules tagged "security" (>= 9.0 critical, >= 7.0 high,
// >= 4.0 medium, else low).
std::string_view SecuritySeverity(rules::Severity s) {
  switch (s) {
    case rules::Severity::kCritical:
      return "9.5";
    case rules::Severity::kHigh:
      return "8.0";
    case rules::Severity::kMedium:
      return "5.5";
    case rules::Severity::kLow:
      return "3.0";
    case rules::Severity::kInfo:
      return "1.0";
  }
  return "5.5";
}

bool SecurityRelevant(rules::Family f) {
  switch (f) {
    case rules::Family::kSecurity:
    case rules::Family::kRbac:
    case rules::Family::kNetwork:
    case rules::Family::kSupply:
    case rules::Family::kPss:
    case rules::Family::kCompliance:
      return true;
    default:
      return false;
  }
}

// "sec-privileged" -> "SecPrivileged" (SARIF's rule name is an identifier-like string).
std::string RuleName(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_' || c == '.') {
      upper = true;
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

std::string HelpText(const rules::RuleInfo& info) {
  std::string out(info.rationale.empty() ? info.summary : info.rationale);
  if (!info.remediation.empty()) out += fmt::format("\n\nHow to fix: {}", info.remediation);
  if (auto m = rules::MappingsOf(info); !m.empty()) {
    out += fmt::format("\n\nMaps to: {}", fmt::join(m, ", "));
  }
  return out;
}

std::string HelpMarkdown(const rules::RuleInfo& info) {
  std::string out = fmt::format("**{}** ({}, {})", info.summary, rules::FamilyName(info.family),
                                rules::SeverityName(info.severity));
  if (!info.rationale.empty()) out += fmt::format("\n\n{}", info.rationale);
  if (!info.remediation.empty()) out += fmt::format("\n\n**How to fix:** {}", info.remediation);
  if (!info.failing_example.empty()) {
    out += fmt::format("\n\nFails:\n\n```yaml\n{}\n```", info.failing_example);
  }
  if (!info.passing_example.empty()) {
    out += fmt::format("\n\nPasses:\n\n```yaml\n{}\n```", info.passing_example);
  }
  if (auto m = rules::MappingsOf(info); !m.empty()) {
    out += fmt::format("\n\nMaps to: {}", fmt::join(m, ", "));
  }
  return out;
}

void Text(json::Writer& w, std::string_view key, std::string_view text) {
  w.Key(key).BeginObject().Member("text", text).EndObject();
}

void ArtifactLocation(json::Writer& w, std::string_view file, const WriteOptions& options) {
  std::string path = ArtifactPath(file, options.source_root);
  std::string uri;
  w.Key("artifactLocation").BeginObject();
  if (IsAbsolutePath(path)) {
    uri = "file://";
    AppendUriPath(path, uri);
    w.Member("uri", uri);
  } else {
    AppendUriPath(path, uri);
    w.Member("uri", uri);
    w.Member("uriBaseId", kSrcRoot);
  }
  w.EndObject();
}

// A region's startColumn counts UTF-16 code units (SARIF's default columnKind); gori's columns
// count bytes, so convert with the line's text when we have it.
uint32_t SarifColumn(const Location& loc) {
  if (loc.column == 0) return 0;
  if (loc.source && loc.source_column == loc.column && loc.source_line != 0 &&
      loc.source_line <= loc.source->lines().LineCount()) {
    return Utf16Column(loc.source->lines().Line(loc.source_line), loc.column);
  }
  return loc.column;
}

void PhysicalLocation(json::Writer& w, const Location& loc, const WriteOptions& options) {
  w.Key("physicalLocation").BeginObject();
  ArtifactLocation(w, loc.file, options);
  if (loc.line != 0) {
    w.Key("region").BeginObject();
    w.Member("startLine", loc.line);
    if (uint32_t col = SarifColumn(loc)) w.Member("startColumn", col);
    w.EndObject();
  }
  w.EndObject();
}

void WriteRule(json::Writer& w, const rules::RuleInfo& info) {
  w.BeginObject();
  w.Member("id", info.id);
  w.Member("name", RuleName(info.id));
  Text(w, "shortDescription", info.summary);
  Text(w, "fullDescription", info.rationale.empty() ? info.summary : info.rationale);
  w.Key("help").BeginObject();
  w.Member("text", HelpText(info));
  w.Member("markdown", HelpMarkdown(info));
  w.EndObject();
  w.Key("defaultConfiguration").BeginObject();
  w.Member("enabled", info.enabled_by_default);
  w.Member("level", Level(info.severity));
  w.EndObject();
  w.Key("properties").BeginObject();
  bool security = SecurityRelevant(info.family);
  w.Key("tags").BeginArray();
  if (security && info.family != rules::Family::kSecurity) w.String("security");
  w.String(rules::FamilyName(info.family));
  for (std::string_view m : rules::MappingsOf(info)) w.String(m);
  w.EndArray();
  w.Member("family", rules::FamilyName(info.family));
  w.Member("severity", rules::SeverityName(info.severity));
  if (security) w.Member("security-severity", SecuritySeverity(info.severity));
  w.Member("precision", "high");
  w.EndObject();
  w.EndObject();
}

using RuleIndex = std::map<std::string_view, std::size_t, std::less<>>;

// `namespace/Kind/name`, or `Kind/name` for a cluster-scoped object.
std::string ObjectName(const k8s::Object& o) {
  return o.namespace_().empty() ? fmt::format("{}/{}", o.kind(), o.name())
                                : fmt::format("{}/{}/{}", o.namespace_(), o.kind(), o.name());
}

void WriteResult(json::Writer& w, const Report& report, const rules::Finding& f,
                 const RuleIndex& rule_index, const WriteOptions& options) {
  Location loc = report.Where(f);
  w.BeginObject();
  w.Member("ruleId", f.rule_id);
  if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) {
    w.Member("ruleIndex", static_cast<uint64_t>(it->second));
  }
  w.Member("level", Level(f.severity));
  Text(w, "message", f.message);
  w.Key("locations").BeginArray().BeginObject();
  PhysicalLocation(w, loc, options);
  if (loc.rendered_line != 0) {
    Text(w, "message", fmt::format("rendered line {}", loc.rendered_line));
  }
  if (f.object) {
    w.Key("logicalLocations").BeginArray().BeginObject();
    w.Member("name", f.object->name());
    w.Member("fullyQualifiedName", ObjectName(*f.object));
    w.Member("kind", "resource");
    w.EndObject().EndArray();
  }
  w.EndObject().EndArray();
  w.Key("partialFingerprints").BeginObject();
  w.Member("goriFinding/v1", Fingerprint(f));
  w.EndObject();
  if (f.suppressed) {
    w.Key("suppressions").BeginArray().BeginObject();
    w.Member("kind", "inSource");
    w.Member("status", "accepted");
    w.Member("justification", f.suppression_reason);
    w.EndObject().EndArray();
  }
  w.Key("properties").BeginObject();
  w.Member("severity", rules::SeverityName(f.severity));
  if (!f.path.empty()) w.Member("path", f.path);
  if (!f.container.empty()) w.Member("container", f.container);
  if (!f.remediation.empty()) w.Member("remediation", f.remediation);
  if (!f.also_rules.empty()) {
    w.Key("alsoRules").BeginArray();
    for (std::string_view id : f.also_rules) w.String(id);
    w.EndArray();
  }
  if (loc.Relocated()) {
    w.Member("checkedAt",
             fmt::format("{}:{}:{}", loc.input_file, loc.input_line, loc.input_column));
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

void WriteSarif(const Report& report, const WriteOptions& options, std::string& out) {
  std::vector<const rules::Rule*> rule_list = report.RulesUsed();
  RuleIndex rule_index;
  for (std::size_t i = 0; i < rule_list.size(); ++i) rule_index[rule_list[i]->Info().id] = i;
  json::Writer w(out, 2);
  w.BeginObject();
  w.Member("$schema",
           "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
           "sarif-schema-2.1.0.json");
  w.Member("version", "2.1.0");
  w.Key("runs").BeginArray().BeginObject();

  w.Key("tool").BeginObject().Key("driver").BeginObject();
  w.Member("name", "gori");
  if (!options.tool_version.empty()) {
    w.Member("version", options.tool_version);
    w.Member("semanticVersion", options.tool_version);
  }
  if (!options.information_uri.empty()) w.Member("informationUri", options.information_uri);
  w.Key("rules").BeginArray();
  for (const rules::Rule* r : rule_list) WriteRule(w, r->Info());
  w.EndArray();
  w.EndObject().EndObject();

  w.Key("invocations").BeginArray().BeginObject();
  w.Member("executionSuccessful", report.errors.empty());
  w.Key("toolExecutionNotifications").BeginArray();
  for (const Error& e : report.errors) {
    Location loc = report.Where(e);
    w.BeginObject();
    w.Member("level", "error");
    Text(w, "message", e.message);
    if (!loc.file.empty()) {
      w.Key("locations").BeginArray().BeginObject();
      PhysicalLocation(w, loc, options);
      w.EndObject().EndArray();
    }
    w.Key("descriptor").BeginObject().Member("id", "input-error").EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject().EndArray();

  w.Key("originalUriBaseIds").BeginObject().Key(kSrcRoot).BeginObject();
  if (!options.source_root.empty()) {
    std::string uri = "file://";
    AppendUriPath(options.source_root, uri);
    if (!uri.ends_with('/')) uri.push_back('/');
    w.Member("uri", uri);
  }
  Text(w, "description", "The directory gori check ran in; relative paths start there.");
  w.EndObject().EndObject();

  w.Member("columnKind", "utf16CodeUnits");
  w.Key("results").BeginArray();
  for (const rules::Finding& f : report.findings) WriteResult(w, report, f, rule_index, options);
  w.EndArray();

  w.Key("properties").BeginObject();
  w.Member("files", static_cast<uint64_t>(report.files));
  w.Member("objects", static_cast<uint64_t>(report.objects));
  if (!report.audit.empty()) {
    // Not results: an object that passes every policy publishes them too.
    w.Key("auditAnnotations").BeginArray();
    for (const rules::ObjectAudit& a : report.audit) {
      Location loc = report.Where(*a.object);
      w.BeginObject();
      w.Member("location", loc.Display());
      w.Member("object", ObjectName(*a.object));
      w.Key("annotations").BeginObject();
      for (const auto& [key, value] : a.annotations) w.Member(key, value);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();

  w.EndObject().EndArray();
  w.EndObject();
  out.push_back('\n');
}

}  // namespace gori::report
