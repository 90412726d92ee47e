// The evidence report as JSON (see evidence.h).
#include <algorithm>

#include <fmt/format.h>

#include "compliance/evidence.h"
#include "json/writer.h"

namespace gori::compliance {
namespace {

void Position(const k8s::Object& o, json::Writer& w) {
  w.Member("file", o.source().name());
  w.Member("line", o.root()->line());
}

void ObjectRef(const k8s::Object* o, json::Writer& w) {
  w.BeginObject();
  if (o) {
    w.Member("kind", o->kind());
    w.Member("name", o->name());
    Position(*o, w);
  }
  w.EndObject();
}

void FindingJson(const rules::Finding& f, json::Writer& w) {
  w.BeginObject();
  w.Member("rule", f.rule_id);
  w.Member("severity", rules::SeverityName(f.severity));
  w.Member("message", f.message);
  w.Member("file", f.file);
  w.Member("line", f.line);
  w.Member("column", f.column);
  if (f.object) {
    w.Member("object", fmt::format("{}/{}", f.object->kind(), f.object->name()));
  }
  if (f.suppressed) w.Member("suppression", f.suppression_reason);
  w.EndObject();
}

void OptionalString(std::string_view key, std::string_view v, json::Writer& w) {
  if (v.empty()) {
    w.Key(key).Null();
  } else {
    w.Member(key, v);
  }
}

void NamespaceJson(const NamespaceEvidence& ns, json::Writer& w) {
  const auto& cls = ns.classification;
  w.BeginObject();
  if (ns.name.empty()) {
    w.Member("section", "cluster-scoped objects");
  } else {
    w.Member("namespace", ns.name);
    w.Key("namespace_object");
    if (cls.ns_object) {
      w.BeginObject();
      Position(*cls.ns_object, w);
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("classification").BeginObject();
    OptionalString("data_class", rules::ScalarText(cls.data_class_node), w);
    OptionalString("zone", rules::ScalarText(cls.zone_node), w);
    OptionalString("env", rules::ScalarText(cls.env_node), w);
    w.Member("regulated", cls.regulated());
    w.EndObject();
    w.Key("pod_security").BeginObject();
    OptionalString("enforce", ns.pss_enforce, w);
    OptionalString("enforce_version", ns.pss_enforce_version, w);
    w.EndObject();
    w.Key("workloads").BeginArray();
    for (const k8s::Object* o : ns.workloads) ObjectRef(o, w);
    w.EndArray();

    w.Key("exposure").BeginObject();
    w.Key("ingress_hosts").BeginArray();
    for (const auto& h : ns.ingress_hosts) {
      w.BeginObject();
      w.Member("ingress", h.ingress);
      w.Member("host", h.host.empty() ? std::string_view("*") : h.host);
      w.Member("tls", h.tls);
      w.EndObject();
    }
    w.EndArray();
    w.Key("load_balancers").BeginArray();
    for (const auto& lb : ns.load_balancers) {
      w.BeginObject();
      w.Member("service", lb.service);
      w.Member("internal", !lb.internal_annotation.empty());
      if (!lb.internal_annotation.empty()) w.Member("internal_annotation", lb.internal_annotation);
      w.Key("source_ranges").BeginArray();
      for (auto r : lb.source_ranges) w.String(r);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.Key("node_ports").BeginArray();
    for (const auto& np : ns.node_ports) {
      w.BeginObject();
      w.Member("service", np.service);
      // null: the API server allocates the port when the Service is created.
      if (np.node_port) {
        w.Member("node_port", np.node_port);
      } else {
        w.Key("node_port").Null();
      }
      w.EndObject();
    }
    w.EndArray();
    w.Key("routes").BeginArray();
    for (const auto& r : ns.routes) {
      w.BeginObject();
      w.Member("kind", r.kind);
      w.Member("name", r.name);
      w.Key("hostnames").BeginArray();
      for (auto h : r.hostnames) w.String(h);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.Key("gateway_listeners").BeginArray();
    for (const auto& l : ns.listeners) {
      w.BeginObject();
      w.Member("gateway", l.gateway);
      w.Member("listener", l.name);
      w.Member("protocol", l.protocol);
      w.Member("hostname", l.hostname.empty() ? std::string_view("*") : l.hostname);
      w.Member("port", l.port);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();

    w.Key("network_policy").BeginObject();
    w.Member("policies", static_cast<uint64_t>(ns.network_policies));
    OptionalString("default_deny_ingress", ns.deny_ingress ? ns.deny_ingress->name() : "", w);
    OptionalString("default_deny_egress", ns.deny_egress ? ns.deny_egress->name() : "", w);
    w.EndObject();

    w.Key("mtls").BeginObject();
    w.Member("mode", ns.mtls.mode.empty() ? std::string_view("unknown") : ns.mtls.mode);
    if (ns.mtls.source) {
      w.Member("source", fmt::format("PeerAuthentication {}/{}", ns.mtls.source->namespace_(),
                                     ns.mtls.source->name()));
      w.Member("mesh_wide", ns.mtls.mesh_wide);
    } else {
      w.Member("source", "no PeerAuthentication in the bundle covers it");
    }
    w.EndObject();

    w.Key("regions").BeginObject();
    std::vector<std::string> pinned;
    for (const auto& r : ns.regions) {
      for (const auto& reg : r.regions) {
        if (std::find(pinned.begin(), pinned.end(), reg) == pinned.end()) pinned.push_back(reg);
      }
    }
    std::sort(pinned.begin(), pinned.end());
    w.Key("pinned").BeginArray();
    for (const auto& r : pinned) w.String(r);
    w.EndArray();
    w.Key("workloads").BeginArray();
    for (const auto& r : ns.regions) {
      w.BeginObject();
      w.Member("workload", fmt::format("{}/{}", r.workload->kind(), r.workload->name()));
      w.Member("pinned", r.pinned);
      w.Key("regions").BeginArray();
      for (const auto& reg : r.regions) w.String(reg);
      w.EndArray();
      if (!r.via.empty()) w.Member("via", r.via);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();

    w.Key("registries").BeginArray();
    for (const auto& r : ns.registries) {
      w.BeginObject();
      w.Member("registry", r.registry);
      w.Key("images").BeginArray();
      for (const auto& i : r.images) w.String(i);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  }

  w.Member("open_findings", static_cast<uint64_t>(ns.open_findings));
  w.Key("findings_by_control").BeginArray();
  for (const auto& cf : ns.by_control) {
    w.BeginObject();
    w.Member("control", cf.control.control->key);
    w.Member("framework", cf.control.framework->id);
    w.Member("title", cf.control.control->title);
    w.Key("findings").BeginArray();
    for (const rules::Finding* f : cf.findings) FindingJson(*f, w);
    w.EndArray();
    w.Key("exempted").BeginArray();
    for (const auto* r : cf.exempted) {
      w.BeginObject();
      w.Member("rule", r->rule_id);
      w.Member("file", r->file);
      w.Member("line", r->line);
      w.Member("column", r->column);
      w.Member("justification", r->exemption.justification);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("findings_not_mapped").BeginArray();
  for (const rules::Finding* f : ns.unmapped) FindingJson(*f, w);
  w.EndArray();
  w.Key("suppressed").BeginArray();
  for (const rules::Finding* f : ns.suppressed) FindingJson(*f, w);
  w.EndArray();
  w.Key("exemptions").BeginArray();
  for (const auto* r : ns.exemptions) WriteExemptionJson(*r, w);
  w.EndArray();
  w.Key("ignored_exemptions").BeginArray();
  for (const auto* r : ns.ignored_exemptions) WriteExemptionJson(*r, w);
  w.EndArray();
  w.EndObject();
}

}  // namespace

void WriteEvidenceJson(const Evidence& e, std::string_view version, std::string& out) {
  json::Writer w(out, 2);
  w.BeginObject();
  w.Key("generator").BeginObject();
  w.Member("name", "gori");
  w.Member("version", version);
  w.EndObject();
  w.Member("wording", kWording);
  w.Member("basis", "Derived from the checked manifests only; the running cluster may differ.");
  w.Key("inputs").BeginObject();
  w.Member("files", static_cast<uint64_t>(e.files));
  w.Member("objects", static_cast<uint64_t>(e.objects));
  w.EndObject();
  w.Key("frameworks").BeginArray();
  for (const Framework* f : e.frameworks) {
    w.BeginObject();
    w.Member("id", f->id);
    w.Member("name", f->name);
    w.Member("version", f->version);
    w.EndObject();
  }
  w.EndArray();
  w.Key("namespaces").BeginArray();
  for (const auto& ns : e.namespaces) NamespaceJson(ns, w);
  w.EndArray();
  w.Key("cluster");
  NamespaceJson(e.cluster, w);
  w.Key("skipped_system_namespaces").BeginArray();
  for (const auto& n : e.skipped_system_namespaces) w.String(n);
  w.EndArray();
  w.Key("profiles");
  WriteProfilesJson(e.summaries, w);
  w.EndObject();
  out.push_back('\n');
}

}  // namespace gori::compliance
