// The evidence report as self-contained HTML pages (see evidence.h): inline CSS, no scripts,
// nothing fetched; every text from the manifests is escaped.
#include <algorithm>

#include <fmt/format.h>

#include "base/html_escape.h"
#include "compliance/evidence.h"

namespace gori::compliance {
namespace {

std::string Esc(std::string_view s) { return HtmlEscape(s); }

constexpr std::string_view kStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Apple SD Gothic Neo",sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#1d2433;color:#fff;padding:16px 28px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c9d1e0;font-size:13px}header a{color:#9cc3ff}
main{padding:20px 28px;max-width:1200px}
section{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:14px 18px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #edf0f4;vertical-align:top}
th{background:#f0f3f7;font-weight:600}
.note{color:#5a6478;font-size:12.5px}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
.tag{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600}
.critical{background:#7a0010;color:#fff}.high{background:#c62828;color:#fff}.medium{background:#ef8f00;color:#fff}
.low{background:#2e7dd7;color:#fff}.info{background:#8a94a6;color:#fff}
.ok{background:#e3f4e8;color:#1b6b34}.warn{background:#fdecea;color:#a3231b}.muted{background:#eceff3;color:#4a5366}
.findings{background:#fdecea;color:#a3231b}.nofindings{background:#e9f0fb;color:#24518f}.na{background:#eceff3;color:#4a5366}
dl{display:grid;grid-template-columns:max-content auto;gap:4px 16px;margin:0}dt{color:#5a6478}dd{margin:0}
)css";

void Head(std::string_view title, std::string_view version, std::string& out) {
  out += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{}</title><style>{}</style></head><body>\n"
      "<header><h1>{}</h1><p>gori {} evidence report. {}</p></header><main>\n",
      Esc(title), kStyle, Esc(title), Esc(version), Esc(kWording));
}

void Foot(std::string& out) {
  out +=
      "<p class=\"note\">Derived from the checked manifests only; the running cluster may "
      "differ. A control with no findings is not a pass.</p></main></body></html>\n";
}

std::string Tag(std::string_view cls, std::string_view text) {
  return fmt::format("<span class=\"tag {}\">{}</span>", cls, Esc(text));
}

std::string OrDash(std::string_view s) { return s.empty() ? "&mdash;" : Esc(s); }

std::string Where(std::string_view file, uint32_t line, uint32_t column) {
  return fmt::format("<span class=\"mono\">{}:{}:{}</span>", Esc(file), line, column);
}

std::string StatusClass(ControlStatus s) {
  switch (s) {
    case ControlStatus::kFindings:
      return "findings";
    case ControlStatus::kNoFindings:
      return "nofindings";
    default:
      return "na";
  }
}

void FindingRows(std::span<const rules::Finding* const> findings, std::string& out) {
  for (const rules::Finding* f : findings) {
    out += fmt::format("<tr><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>\n",
                       Tag(rules::SeverityName(f->severity), rules::SeverityName(f->severity)),
                       Esc(f->rule_id), Esc(f->message), Where(f->file, f->line, f->column));
  }
}

void ExemptionTable(std::span<const ExemptionRecord* const> records, bool ignored,
                    std::string& out) {
  out +=
      "<table><tr><th>rule</th><th>finding</th><th>annotation</th><th>declared on</th>"
      "<th>justification</th></tr>\n";
  for (const ExemptionRecord* r : records) {
    out += fmt::format(
        "<tr><td class=\"mono\">{}</td><td>{}<br>{}</td><td class=\"mono\">{}</td><td>{} {} "
        "({})</td><td>{}</td></tr>\n",
        Esc(r->rule_id), Esc(r->message), Where(r->file, r->line, r->column), Esc(r->exemption.key),
        Esc(r->exemption.holder->kind()), Esc(r->exemption.holder->name()),
        Esc(rules::ExemptionScopeName(r->exemption.scope)),
        ignored ? std::string("<em>none given: the finding stays open</em>")
                : Esc(r->exemption.justification));
  }
  out += "</table>\n";
}

void Posture(const NamespaceEvidence& ns, std::string& out) {
  auto deny = [](const k8s::Object* p) {
    return p ? Tag("ok", "default deny") + " <span class=\"mono\">" + Esc(p->name()) + "</span>"
             : Tag("warn", "no default deny");
  };
  out += fmt::format(
      "<section><h2>Network posture</h2><dl><dt>NetworkPolicies</dt><dd>{}</dd>"
      "<dt>Ingress</dt><dd>{}</dd><dt>Egress</dt><dd>{}</dd><dt>mTLS (Istio)</dt><dd>{}</dd>"
      "</dl></section>\n",
      ns.network_policies, deny(ns.deny_ingress), deny(ns.deny_egress),
      ns.mtls.mode.empty()
          ? Tag("muted", "unknown") +
                " <span class=\"note\">no PeerAuthentication in the bundle "
                "covers it</span>"
          : Tag(ns.mtls.mode == "STRICT" ? "ok" : "warn", ns.mtls.mode) +
                fmt::format(" <span class=\"note\">PeerAuthentication {}/{}{}</span>",
                            Esc(ns.mtls.source->namespace_()), Esc(ns.mtls.source->name()),
                            ns.mtls.mesh_wide ? " (mesh-wide)" : ""));
}

void Exposure(const NamespaceEvidence& ns, std::string& out) {
  out += "<section><h2>Exposure</h2>\n";
  if (ns.ingress_hosts.empty() && ns.load_balancers.empty() && ns.node_ports.empty() &&
      ns.routes.empty() && ns.listeners.empty()) {
    out +=
        "<p class=\"note\">Nothing in the bundle exposes this namespace outside the cluster.</p>";
  }
  if (!ns.ingress_hosts.empty()) {
    out += "<h3>Ingress hosts</h3><table><tr><th>host</th><th>Ingress</th><th>TLS</th></tr>\n";
    for (const auto& h : ns.ingress_hosts) {
      out += fmt::format("<tr><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>\n",
                         h.host.empty() ? "*" : Esc(h.host), Esc(h.ingress),
                         h.tls ? Tag("ok", "TLS") : Tag("warn", "plain HTTP"));
    }
    out += "</table>\n";
  }
  if (!ns.load_balancers.empty()) {
    out +=
        "<h3>Load balancers</h3><table><tr><th>Service</th><th>scope</th><th>source "
        "ranges</th></tr>\n";
    for (const auto& lb : ns.load_balancers) {
      std::vector<std::string> ranges;
      for (auto r : lb.source_ranges) ranges.push_back(Esc(r));
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td class=\"mono\">{}</td></tr>\n", Esc(lb.service),
          lb.internal_annotation.empty() ? Tag("warn", "public")
                                         : Tag("ok", "internal") + " <span class=\"note mono\">" +
                                               Esc(lb.internal_annotation) + "</span>",
          ranges.empty() ? std::string("&mdash;") : fmt::format("{}", fmt::join(ranges, ", ")));
    }
    out += "</table>\n";
  }
  if (!ns.node_ports.empty()) {
    out += "<h3>Node ports</h3><table><tr><th>Service</th><th>node port</th></tr>\n";
    for (const auto& np : ns.node_ports) {
      out += fmt::format("<tr><td>{}</td><td class=\"mono\">{}</td></tr>\n", Esc(np.service),
                         np.node_port ? std::to_string(np.node_port) : std::string("allocated"));
    }
    out += "</table>\n";
  }
  if (!ns.routes.empty()) {
    out += "<h3>Routes</h3><table><tr><th>route</th><th>hostnames</th></tr>\n";
    for (const auto& r : ns.routes) {
      std::vector<std::string> hs;
      for (auto h : r.hostnames) hs.push_back(Esc(h));
      out += fmt::format("<tr><td>{} {}</td><td class=\"mono\">{}</td></tr>\n", Esc(r.kind),
                         Esc(r.name),
                         hs.empty() ? std::string("every hostname of its gateways")
                                    : fmt::format("{}", fmt::join(hs, ", ")));
    }
    out += "</table>\n";
  }
  if (!ns.listeners.empty()) {
    out +=
        "<h3>Gateway listeners</h3><table><tr><th>Gateway</th><th>listener</th>"
        "<th>protocol</th><th>hostname</th><th>port</th></tr>\n";
    for (const auto& l : ns.listeners) {
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"mono\">{}</td><td>{}</td></tr>\n",
          Esc(l.gateway), Esc(l.name),
          l.protocol == "HTTP" ? Tag("warn", "HTTP") : Tag("ok", l.protocol),
          l.hostname.empty() ? "*" : Esc(l.hostname), l.port);
    }
    out += "</table>\n";
  }
  out += "</section>\n";
}

void Body(const Evidence& e, const NamespaceEvidence& ns, std::string& out) {
  const auto& cls = ns.classification;
  if (!ns.name.empty()) {
    out += fmt::format(
        "<section><h2>Classification</h2><dl><dt>data class</dt><dd>{}</dd><dt>zone</dt>"
        "<dd>{}</dd><dt>environment</dt><dd>{}</dd><dt>regulated</dt><dd>{}</dd>"
        "<dt>Namespace object</dt><dd>{}</dd><dt>Pod Security enforce</dt><dd>{}{}</dd></dl>"
        "</section>\n",
        OrDash(rules::ScalarText(cls.data_class_node)), OrDash(rules::ScalarText(cls.zone_node)),
        OrDash(rules::ScalarText(cls.env_node)),
        cls.regulated() ? Tag("warn", "yes") : Tag("muted", "no"),
        cls.ns_object
            ? fmt::format("<span class=\"mono\">{}:{}</span>", Esc(cls.ns_object->source().name()),
                          cls.ns_object->root()->line())
            : std::string("not in the bundle (classification unknown)"),
        OrDash(ns.pss_enforce),
        ns.pss_enforce_version.empty()
            ? std::string()
            : " <span class=\"mono\">" + Esc(ns.pss_enforce_version) + "</span>");
    out += "<section><h2>Workloads</h2>";
    if (ns.workloads.empty()) out += "<p class=\"note\">None in the bundle.</p>";
    out += "<table><tr><th>workload</th><th>regions pinned</th><th>source</th></tr>\n";
    for (const auto& r : ns.regions) {
      out += fmt::format("<tr><td>{} {}</td><td>{}</td><td class=\"mono\">{}:{}</td></tr>\n",
                         Esc(r.workload->kind()), Esc(r.workload->name()),
                         r.pinned ? Esc(fmt::format("{}", fmt::join(r.regions, ", "))) +
                                        " <span class=\"note\">via " + Esc(r.via) + "</span>"
                                  : Tag("muted", "not pinned"),
                         Esc(r.workload->source().name()), r.workload->root()->line());
    }
    out += "</table></section>\n";
    Exposure(ns, out);
    Posture(ns, out);
    out += "<section><h2>Registries in use</h2>";
    if (ns.registries.empty()) out += "<p class=\"note\">No images.</p>";
    out += "<table><tr><th>registry</th><th>images</th></tr>\n";
    for (const auto& r : ns.registries) {
      std::vector<std::string> imgs;
      for (const auto& i : r.images) imgs.push_back(Esc(i));
      out += fmt::format("<tr><td class=\"mono\">{}</td><td class=\"mono\">{}</td></tr>\n",
                         Esc(r.registry), fmt::join(imgs, "<br>"));
    }
    out += "</table></section>\n";
  }
  out += "<section><h2>Findings by control</h2>";
  std::vector<std::string_view> fw;
  for (const Framework* f : e.frameworks) fw.push_back(f->id);
  out += fmt::format(
      "<p class=\"note\">Frameworks: {}. Each finding maps to the controls "
      "listed; an exempted finding shows its justification below.</p>\n",
      Esc(fmt::format("{}", fmt::join(fw, ", "))));
  if (ns.by_control.empty()) out += "<p class=\"note\">No finding maps to a control.</p>";
  for (const auto& cf : ns.by_control) {
    out += fmt::format("<h3><span class=\"mono\">{}</span> {}</h3>\n", Esc(cf.control.control->key),
                       Esc(cf.control.control->title));
    out += "<table><tr><th>severity</th><th>rule</th><th>message</th><th>where</th></tr>\n";
    FindingRows(cf.findings, out);
    for (const ExemptionRecord* r : cf.exempted) {
      out += fmt::format(
          "<tr><td>{}</td><td class=\"mono\">{}</td><td>{}<br><span class=\"note\">justification: "
          "{}</span></td><td>{}</td></tr>\n",
          Tag("muted", "exempted"), Esc(r->rule_id), Esc(r->message),
          Esc(r->exemption.justification), Where(r->file, r->line, r->column));
    }
    out += "</table>\n";
  }
  if (!ns.unmapped.empty()) {
    out +=
        "<h3>Findings that map to no control of these frameworks</h3>"
        "<table><tr><th>severity</th><th>rule</th><th>message</th><th>where</th></tr>\n";
    FindingRows(ns.unmapped, out);
    out += "</table>\n";
  }
  if (!ns.suppressed.empty()) {
    out +=
        "<h3>Suppressed findings</h3><table><tr><th>severity</th><th>rule</th><th>message "
        "and reason</th><th>where</th></tr>\n";
    for (const rules::Finding* f : ns.suppressed) {
      out += fmt::format(
          "<tr><td>{}</td><td class=\"mono\">{}</td><td>{}<br><span class=\"note\">{}</span>"
          "</td><td>{}</td></tr>\n",
          Tag(rules::SeverityName(f->severity), rules::SeverityName(f->severity)), Esc(f->rule_id),
          Esc(f->message), Esc(f->suppression_reason), Where(f->file, f->line, f->column));
    }
    out += "</table>\n";
  }
  out += "</section>\n";
  out += "<section><h2>Exemptions</h2>";
  if (ns.exemptions.empty()) out += "<p class=\"note\">None.</p>";
  if (!ns.exemptions.empty()) ExemptionTable(ns.exemptions, false, out);
  if (!ns.ignored_exemptions.empty()) {
    out += "<h3>Ignored for lack of a justification</h3>";
    ExemptionTable(ns.ignored_exemptions, true, out);
  }
  out += "</section>\n";
}

}  // namespace

void WriteEvidenceNamespaceHtml(const Evidence& e, const NamespaceEvidence& ns,
                                std::string_view version, std::string& out) {
  std::string title = ns.name.empty() ? std::string("Cluster-scoped objects")
                                      : fmt::format("Namespace {}", ns.name);
  Head(title, version, out);
  out += "<p><a href=\"index.html\">&larr; all namespaces</a></p>\n";
  Body(e, ns, out);
  Foot(out);
}

void WriteEvidenceIndexHtml(const Evidence& e, std::string_view version, std::string& out) {
  Head("Compliance evidence", version, out);
  out += fmt::format(
      "<section><h2>Inputs</h2><dl><dt>files</dt><dd>{}</dd><dt>objects</dt>"
      "<dd>{}</dd><dt>frameworks</dt><dd>",
      e.files, e.objects);
  for (const Framework* f : e.frameworks) {
    out += fmt::format("{} {}<br>", Esc(f->name), Esc(f->version));
  }
  out += "</dd></dl></section>\n";
  out +=
      "<section><h2>Namespaces</h2><table><tr><th>namespace</th><th>data class</th>"
      "<th>zone</th><th>env</th><th>PSA enforce</th><th>ingress</th><th>egress</th>"
      "<th>mTLS</th><th>open findings</th><th>exemptions</th></tr>\n";
  auto row = [&](const NamespaceEvidence& ns) {
    const auto& cls = ns.classification;
    out += fmt::format(
        "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        Esc(NamespacePageName(ns)), ns.name.empty() ? "(cluster-scoped)" : Esc(ns.name),
        OrDash(rules::ScalarText(cls.data_class_node)), OrDash(rules::ScalarText(cls.zone_node)),
        OrDash(rules::ScalarText(cls.env_node)), OrDash(ns.pss_enforce),
        ns.name.empty() ? "" : (ns.deny_ingress ? Tag("ok", "deny") : Tag("warn", "open")),
        ns.name.empty() ? "" : (ns.deny_egress ? Tag("ok", "deny") : Tag("warn", "open")),
        ns.name.empty() ? std::string() : OrDash(ns.mtls.mode), ns.open_findings,
        ns.exemptions.size());
  };
  for (const auto& ns : e.namespaces) row(ns);
  row(e.cluster);
  out += "</table>";
  if (!e.skipped_system_namespaces.empty()) {
    out += fmt::format("<p class=\"note\">System namespaces skipped: {}</p>",
                       Esc(fmt::format("{}", fmt::join(e.skipped_system_namespaces, ", "))));
  }
  out += "</section>\n";
  for (const ProfileSummary& s : e.summaries) {
    out += fmt::format(
        "<section><h2>Profile {} &mdash; {}</h2><p class=\"note\">{} with findings mapped to "
        "them, {} without findings (not a pass), {} not checked in this run, {} not checkable "
        "here.</p><table><tr><th>control</th><th>description</th><th>status</th>"
        "<th>findings</th><th>rules / note</th></tr>\n",
        Esc(s.profile->name), Esc(s.profile->title), s.Count(ControlStatus::kFindings),
        s.Count(ControlStatus::kNoFindings), s.Count(ControlStatus::kNotRun),
        s.Count(ControlStatus::kNotCheckable));
    for (const ControlResult& c : s.controls) {
      std::string detail = Esc(fmt::format("{}", fmt::join(c.rules, ", ")));
      if (!c.reason.empty()) {
        detail += (detail.empty() ? "" : "<br>") + std::string("<span class=\"note\">") +
                  Esc(c.reason) + "</span>";
      }
      out += fmt::format(
          "<tr><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
          Esc(c.control.control->key), Esc(c.control.control->title),
          Tag(StatusClass(c.status), ControlStatusName(c.status)),
          c.status == ControlStatus::kFindings || c.exempted
              ? fmt::format("{}{}", c.findings,
                            c.exempted ? fmt::format(" (+{} exempted)", c.exempted) : "")
              : std::string("&mdash;"),
          detail);
    }
    out += "</table></section>\n";
  }
  Foot(out);
}

}  // namespace gori::compliance
