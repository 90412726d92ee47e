#include "compliance/evidence.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/file_writer.h"
#include "compliance/mappings.h"
#include "k8s/image.h"
#include "rules/index.h"

namespace gori::compliance {
namespace {

bool InFrameworks(const Evidence& e, const ControlRef& c) {
  if (!e.profiles.empty()) {
    return std::any_of(e.profiles.begin(), e.profiles.end(),
                       [&](const Profile* p) { return ProfileHasControl(*p, c); });
  }
  return true;
}

// Namespace of a finding's object; "" for cluster-scoped objects and document findings.
std::string_view FindingNamespace(const rules::Finding& f) {
  return f.object ? rules::NamespaceOf(*f.object) : std::string_view();
}

void FillNamespace(const rules::Config& config, const rules::Index& index, NamespaceEvidence& ns) {
  const auto& opt = config.compliance;
  ns.classification = rules::Classify(opt, index, ns.name);
  if (const k8s::Object* o = ns.classification.ns_object) {
    ns.pss_enforce = rules::ScalarText(o->Label("pod-security.kubernetes.io/enforce"));
    ns.pss_enforce_version =
        rules::ScalarText(o->Label("pod-security.kubernetes.io/enforce-version"));
  }
  std::map<std::string, std::set<std::string>> registries;
  for (const k8s::Object& o : index.objects()) {
    if (rules::NamespaceOf(o) != ns.name || (o.kind() == "Namespace" && o.group().empty()))
      continue;
    if (o.pod()) {
      ns.workloads.push_back(&o);
      auto pin = rules::PinnedRegions(opt, *o.pod(), ns.classification.ns_object);
      ns.regions.push_back({&o, pin.pinned, pin.regions, pin.source});
      for (const auto& c : o.pod()->containers) {
        std::string_view image = rules::ScalarText(c.Get("image"));
        auto ref = k8s::ParseImage(image);
        if (ref) registries[ref->registry].insert(std::string(image));
      }
    }
    if (rules::IsService(o)) {
      std::string_view type = rules::ServiceType(o);
      if (type == "LoadBalancer") {
        ns.load_balancers.push_back(
            {o.name(), rules::InternalLoadBalancerAnnotation(o), rules::SourceRanges(o)});
      }
      for (const auto& np : rules::NodePorts(o)) ns.node_ports.push_back({o.name(), np.node_port});
    } else if (rules::IsIngress(o)) {
      for (const auto& h : rules::IngressHosts(o))
        ns.ingress_hosts.push_back({o.name(), h.host, h.tls});
    } else if (rules::IsHttpRoute(o)) {
      RouteEvidence r{o.kind(), o.name(), {}};
      for (const doc::Node* h : rules::RouteHostnames(o))
        r.hostnames.push_back(rules::ScalarText(h));
      ns.routes.push_back(std::move(r));
    } else if (rules::IsGateway(o)) {
      const doc::Node* ls = o.spec() ? o.spec()->Get("listeners") : nullptr;
      if (ls && ls->IsSeq()) {
        for (const doc::Node* l : ls->items()) {
          if (!l->IsMap()) continue;
          const doc::Node* port = l->Get("port");
          ns.listeners.push_back(
              {o.name(), rules::ScalarText(l->Get("name")), rules::ScalarText(l->Get("protocol")),
               rules::ScalarText(l->Get("hostname")), port ? port->AsInt().value_or(0) : 0});
        }
      }
    } else if (rules::IsNetworkPolicy(o)) {
      ++ns.network_policies;
    }
  }
  for (auto& [registry, images] : registries) {
    ns.registries.push_back({registry, {images.begin(), images.end()}});
  }
  ns.deny_ingress = rules::FindDefaultDeny(index, ns.name, rules::Direction::kIngress);
  ns.deny_egress = rules::FindDefaultDeny(index, ns.name, rules::Direction::kEgress);
  ns.mtls = rules::MtlsOf(opt, index, ns.name);
}

void AddFinding(const Evidence& e, const rules::Finding& f, NamespaceEvidence& ns) {
  if (f.suppressed) return;  // exemptions are added from their records; others below
  ++ns.open_findings;
  bool mapped = false;
  auto map = [&](std::string_view rule_id) {
    for (const ControlRef& c : MappingsFor(rule_id).controls) {
      if (!InFrameworks(e, c)) continue;
      mapped = true;
      auto it = std::find_if(ns.by_control.begin(), ns.by_control.end(),
                             [&](const ControlFindings& cf) { return cf.control == c; });
      if (it == ns.by_control.end()) {
        ns.by_control.push_back({c, {}, {}});
        it = ns.by_control.end() - 1;
      }
      // A finding that names two rules (rules/same_reason.h) counts once per control.
      if (it->findings.empty() || it->findings.back() != &f) it->findings.push_back(&f);
    }
  };
  map(f.rule_id);
  for (std::string_view id : f.also_rules) map(id);
  if (!mapped) ns.unmapped.push_back(&f);
}

void AddExemption(const Evidence& e, const ExemptionRecord& r, NamespaceEvidence& ns) {
  ns.exemptions.push_back(&r);
  for (const ControlRef& c : MappingsFor(r.rule_id).controls) {
    if (!InFrameworks(e, c)) continue;
    auto it = std::find_if(ns.by_control.begin(), ns.by_control.end(),
                           [&](const ControlFindings& cf) { return cf.control == c; });
    if (it == ns.by_control.end()) {
      ns.by_control.push_back({c, {}, {}});
      it = ns.by_control.end() - 1;
    }
    it->exempted.push_back(&r);
  }
}

}  // namespace

std::string NamespacePageName(const NamespaceEvidence& ns) {
  if (ns.name.empty()) return "cluster.html";
  // Namespace names are DNS labels; anything else (a broken manifest) must not escape `dir`.
  std::string safe;
  for (char c : ns.name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    safe.push_back(ok ? c : '_');
  }
  return "ns-" + safe + ".html";
}

Evidence BuildEvidence(std::span<const k8s::Object> objects, const rules::Config& config,
                       std::span<const rules::Finding> findings,
                       const rules::ExemptionResult& exemptions,
                       std::span<const Profile* const> profiles,
                       std::vector<ProfileSummary> summaries, std::size_t files) {
  Evidence e;
  e.profiles.assign(profiles.begin(), profiles.end());
  e.summaries = std::move(summaries);
  e.files = files;
  e.objects = objects.size();
  for (const Framework& f : Frameworks()) {
    bool used = profiles.empty();
    for (const Profile* p : profiles) {
      if (std::find(p->frameworks.begin(), p->frameworks.end(), f.id) != p->frameworks.end()) {
        used = true;
      }
    }
    if (used) e.frameworks.push_back(&f);
  }

  rules::Index index(objects);
  std::set<std::string_view> names, skipped;
  for (const k8s::Object& o : objects) {
    std::string_view ns = rules::NamespaceOf(o);
    if (ns.empty()) continue;
    (config.IsSystemNamespace(ns) ? skipped : names).insert(ns);
  }
  for (std::string_view n : skipped) e.skipped_system_namespaces.emplace_back(n);
  for (std::string_view n : names) {
    NamespaceEvidence ns;
    ns.name = std::string(n);
    FillNamespace(config, index, ns);
    e.namespaces.push_back(std::move(ns));
  }
  auto section = [&](std::string_view ns) -> NamespaceEvidence* {
    if (ns.empty()) return &e.cluster;
    for (auto& n : e.namespaces) {
      if (n.name == ns) return &n;
    }
    return nullptr;  // a system namespace
  };
  for (const rules::Finding& f : findings) {
    NamespaceEvidence* ns = section(FindingNamespace(f));
    if (!ns) continue;
    if (f.suppressed) {
      bool exemption = std::any_of(exemptions.applied.begin(), exemptions.applied.end(),
                                   [&](const ExemptionRecord& r) {
                                     return r.rule_id == f.rule_id && r.object == f.object &&
                                            r.line == f.line && r.column == f.column;
                                   });
      if (!exemption) ns->suppressed.push_back(&f);
      continue;
    }
    AddFinding(e, f, *ns);
  }
  for (const ExemptionRecord& r : exemptions.applied) {
    if (NamespaceEvidence* ns = section(r.object ? rules::NamespaceOf(*r.object) : "")) {
      AddExemption(e, r, *ns);
    }
  }
  for (const ExemptionRecord& r : exemptions.ignored) {
    if (NamespaceEvidence* ns = section(r.object ? rules::NamespaceOf(*r.object) : "")) {
      ns->ignored_exemptions.push_back(&r);
    }
  }
  for (NamespaceEvidence* ns : [&] {
         std::vector<NamespaceEvidence*> all{&e.cluster};
         for (auto& n : e.namespaces) all.push_back(&n);
         return all;
       }()) {
    std::sort(ns->by_control.begin(), ns->by_control.end(),
              [](const ControlFindings& a, const ControlFindings& b) {
                return CatalogueLess(a.control, b.control);
              });
  }
  return e;
}

Status WriteEvidenceFiles(const Evidence& evidence, std::string_view version,
                          const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(fmt::format("cannot create directory {}: {}", dir, ec.message()));
  auto write = [&](const std::string& name, const std::string& text) -> Status {
    return WriteFile((std::filesystem::path(dir) / name).string(), text);
  };
  std::string out;
  WriteEvidenceJson(evidence, version, out);
  if (auto st = write("evidence.json", out); !st) return st;
  out.clear();
  WriteEvidenceIndexHtml(evidence, version, out);
  if (auto st = write("index.html", out); !st) return st;
  for (const NamespaceEvidence& ns : evidence.namespaces) {
    out.clear();
    WriteEvidenceNamespaceHtml(evidence, ns, version, out);
    if (auto st = write(NamespacePageName(ns), out); !st) return st;
  }
  out.clear();
  WriteEvidenceNamespaceHtml(evidence, evidence.cluster, version, out);
  return write(NamespacePageName(evidence.cluster), out);
}

}  // namespace gori::compliance
