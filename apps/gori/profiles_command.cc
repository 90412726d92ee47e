// gori profiles: the compliance profiles, their frameworks, the rules each selects, and every
// control with its description and whether manifests can show it.
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "commands.h"
#include "compliance/catalog.h"
#include "compliance/mappings.h"
#include "compliance/profile.h"
#include "json/writer.h"

namespace gori::app {
namespace {

struct ProfilesOptions {
  std::string name;
  std::string format = "text";
};

void Text(const compliance::Profile& p, bool controls, std::string& out) {
  out += fmt::format("{:<16} {}\n", p.name, p.title);
  if (!controls) return;
  for (std::string_view id : p.frameworks) {
    const compliance::Framework* f = compliance::FindFramework(id);
    out += fmt::format("  framework: {} {} ({})\n", f->name, f->version, f->scope);
  }
  std::vector<std::string_view> rules;
  for (const rules::Rule* r : compliance::ProfileRules(p)) rules.push_back(r->Info().id);
  out += fmt::format("  rules ({}): {}\n", rules.size(), fmt::join(rules, ", "));
  out += "  controls:\n";
  for (const compliance::ControlRef& c : compliance::ProfileControls(p)) {
    std::string_view mark = c.control->checkable == compliance::Checkable::kNo ? "not checkable"
                            : c.control->checkable == compliance::Checkable::kPartly ? "partly"
                                                                                     : "";
    out +=
        fmt::format("    {:<20} {}{}\n", c.control->key, c.control->title,
                    mark.empty() ? std::string() : fmt::format(" [{}: {}]", mark, c.control->note));
  }
}

void Json(std::span<const compliance::Profile* const> profiles, std::string& out) {
  json::Writer w(out, 2);
  w.BeginObject();
  w.Key("profiles").BeginArray();
  for (const compliance::Profile* p : profiles) {
    w.BeginObject();
    w.Member("name", p->name);
    w.Member("title", p->title);
    if (!p->pss_level.empty()) w.Member("pss_level", p->pss_level);
    w.Key("frameworks").BeginArray();
    for (std::string_view id : p->frameworks) {
      const compliance::Framework* f = compliance::FindFramework(id);
      w.BeginObject();
      w.Member("id", f->id);
      w.Member("name", f->name);
      w.Member("version", f->version);
      w.Member("scope", f->scope);
      w.EndObject();
    }
    w.EndArray();
    w.Key("rules").BeginArray();
    for (const rules::Rule* r : compliance::ProfileRules(*p)) w.String(r->Info().id);
    w.EndArray();
    w.Key("controls").BeginArray();
    for (const compliance::ControlRef& c : compliance::ProfileControls(*p)) {
      w.BeginObject();
      w.Member("control", c.control->key);
      w.Member("id", c.control->id);
      w.Member("title", c.control->title);
      w.Member("checkable", compliance::CheckableName(c.control->checkable));
      if (!c.control->note.empty()) w.Member("note", c.control->note);
      if (!c.control->level.empty()) w.Member("level", c.control->level);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
}

int RunProfiles(const ProfilesOptions& opt) {
  std::vector<const compliance::Profile*> selected;
  if (opt.name.empty()) {
    for (const compliance::Profile& p : compliance::Profiles()) selected.push_back(&p);
  } else if (const compliance::Profile* p = compliance::FindProfile(opt.name)) {
    selected.push_back(p);
  } else {
    std::fprintf(stderr, "gori profiles: unknown profile '%s' (want one of %s)\n", opt.name.c_str(),
                 compliance::ProfileNames().c_str());
    return 2;
  }
  std::string out;
  if (opt.format == "json") {
    Json(selected, out);
  } else if (opt.format == "text") {
    for (const compliance::Profile* p : selected) {
      Text(*p, /*controls=*/true, out);
      out.push_back('\n');
    }
    out += "Findings map to controls; gori does not certify compliance. See docs/compliance.md.\n";
  } else {
    std::fprintf(stderr, "gori profiles: --format: unknown format '%s' (want text or json)\n",
                 opt.format.c_str());
    return 2;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void RegisterProfiles(CLI::App& app, CommandList& out) {
  auto opt = std::make_shared<ProfilesOptions>();
  CLI::App* sub = app.add_subcommand("profiles", "List compliance profiles and their controls");
  sub->footer(R"(Examples:
  gori profiles                 every profile with its rules and controls
  gori profiles kr-fin          one profile
  gori profiles --format json   machine-readable)");
  sub->add_option("name", opt->name, "Only this profile");
  sub->add_option("--format", opt->format, "Output format: text, json")->capture_default_str();
  out.push_back({sub, [opt] { return RunProfiles(*opt); }});
}

}  // namespace gori::app
