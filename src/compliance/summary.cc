#include "compliance/summary.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "compliance/mappings.h"
#include "rules/registry.h"

namespace gori::compliance {

std::string_view ControlStatusName(ControlStatus s) {
  switch (s) {
    case ControlStatus::kFindings:
      return "findings";
    case ControlStatus::kNoFindings:
      return "no findings";
    case ControlStatus::kNotRun:
      return "not checked";
    case ControlStatus::kNotCheckable:
      return "not checkable here";
  }
  return "not checkable here";
}

std::size_t ProfileSummary::Count(ControlStatus s) const {
  return static_cast<std::size_t>(std::count_if(
      controls.begin(), controls.end(), [s](const ControlResult& c) { return c.status == s; }));
}

ProfileSummary Summarize(const Profile& profile, std::span<const rules::Rule* const> active,
                         std::span<const rules::Finding> findings,
                         const ExemptionResult& exemptions) {
  ProfileSummary s;
  s.profile = &profile;
  std::map<std::string_view, std::size_t, std::less<>> open, exempted;
  for (const rules::Finding& f : findings) {
    if (!f.suppressed) ++open[f.rule_id];
  }
  for (const auto& r : exemptions.applied) ++exempted[r.rule_id];

  // control key -> (active rules, all registered rules) mapped to it
  std::map<std::string_view, std::vector<std::string_view>> active_rules, all_rules;
  for (const rules::Rule* r : rules::AllRules()) {
    bool is_active = std::find(active.begin(), active.end(), r) != active.end();
    for (const ControlRef& c : MappingsFor(r->Info().id).controls) {
      if (!ProfileHasControl(profile, c)) continue;
      all_rules[c.control->key].push_back(r->Info().id);
      if (is_active) active_rules[c.control->key].push_back(r->Info().id);
    }
  }
  for (const ControlRef& ref : ProfileControls(profile)) {
    ControlResult c;
    c.control = ref;
    const Control& ctl = *ref.control;
    auto act = active_rules.find(ctl.key);
    auto all = all_rules.find(ctl.key);
    if (ctl.checkable == Checkable::kNo) {
      c.status = ControlStatus::kNotCheckable;
      c.reason = std::string(ctl.note);
    } else if (all == all_rules.end()) {
      c.status = ControlStatus::kNotCheckable;
      c.reason = "no rule in this gori build checks it";
    } else if (act == active_rules.end()) {
      c.status = ControlStatus::kNotRun;
      c.rules = all->second;
      c.reason = "its rules were not selected in this run";
    } else {
      c.rules = act->second;
      for (std::string_view id : c.rules) {
        if (auto it = open.find(id); it != open.end()) c.findings += it->second;
        if (auto it = exempted.find(id); it != exempted.end()) c.exempted += it->second;
      }
      c.status = c.findings > 0 ? ControlStatus::kFindings : ControlStatus::kNoFindings;
      if (ctl.checkable == Checkable::kPartly) c.reason = std::string(ctl.note);
    }
    s.controls.push_back(std::move(c));
  }
  return s;
}

namespace {

std::string Counts(const ControlResult& c) {
  std::string s = fmt::format("{} finding{}", c.findings, c.findings == 1 ? "" : "s");
  if (c.exempted) s += fmt::format(", {} exempted", c.exempted);
  return s;
}

void Section(const ProfileSummary& s, ControlStatus status, std::string_view heading,
             std::string& out) {
  std::size_t n = s.Count(status);
  if (n == 0) return;
  out += fmt::format("  {} ({}):\n", heading, n);
  for (const ControlResult& c : s.controls) {
    if (c.status != status) continue;
    out += fmt::format("    {:<20} {}", c.control.control->key, c.control.control->title);
    switch (status) {
      case ControlStatus::kFindings:
        out += fmt::format(" - {} [{}]", Counts(c), fmt::join(c.rules, ", "));
        break;
      case ControlStatus::kNoFindings:
        out += fmt::format(" [{}]", fmt::join(c.rules, ", "));
        if (c.exempted) out += fmt::format(" ({} exempted)", c.exempted);
        break;
      case ControlStatus::kNotRun:
        out += fmt::format(" - {} [{}]", c.reason, fmt::join(c.rules, ", "));
        break;
      case ControlStatus::kNotCheckable:
        out += fmt::format(" - {}", c.reason);
        break;
    }
    out.push_back('\n');
  }
}

std::string_view ObjectNamespace(const k8s::Object* o) { return o ? o->namespace_() : ""; }

}  // namespace

void WriteSummaryText(std::span<const ProfileSummary> summaries, const ExemptionResult& exemptions,
                      std::string& out) {
  for (const ProfileSummary& s : summaries) {
    out += fmt::format("\nprofile {}: {} - {} controls\n", s.profile->name, s.profile->title,
                       s.controls.size());
    Section(s, ControlStatus::kFindings, "controls with findings mapped to them", out);
    Section(s, ControlStatus::kNoFindings,
            "controls without findings - their rules ran and found nothing, which is not a pass",
            out);
    Section(s, ControlStatus::kNotRun, "controls not checked in this run", out);
    Section(s, ControlStatus::kNotCheckable, "controls not checkable here", out);
  }
  if (!summaries.empty()) out += fmt::format("\n{}\n", kWording);
  if (!exemptions.applied.empty()) {
    out += fmt::format("\ncompliance exemptions ({}):\n", exemptions.applied.size());
    for (const auto& r : exemptions.applied) {
      out += fmt::format("  {}:{}:{}: {} exempted by {} on {} {}: {}\n", r.file, r.line, r.column,
                         r.rule_id, r.exemption.key, rules::ExemptionScopeName(r.exemption.scope),
                         r.exemption.holder->name(), r.exemption.justification);
    }
  }
  if (!exemptions.ignored.empty()) {
    out += fmt::format("\ncompliance exemptions ignored for lack of a justification ({}):\n",
                       exemptions.ignored.size());
    for (const auto& r : exemptions.ignored) {
      out += fmt::format("  {}:{}:{}: {} on {} {}\n", r.file, r.exemption.value->line(),
                         r.exemption.value->column(), r.exemption.key,
                         rules::ExemptionScopeName(r.exemption.scope), r.exemption.holder->name());
    }
  }
}

void WriteExemptionJson(const rules::ExemptionRecord& r, json::Writer& w) {
  w.BeginObject();
  w.Member("rule", r.rule_id);
  w.Member("severity", rules::SeverityName(r.severity));
  w.Member("message", r.message);
  w.Member("file", r.file);
  w.Member("line", r.line);
  w.Member("column", r.column);
  w.Key("object").BeginObject();
  if (r.object) {
    w.Member("kind", r.object->kind());
    w.Member("namespace", ObjectNamespace(r.object));
    w.Member("name", r.object->name());
  }
  w.EndObject();
  w.Member("annotation", r.exemption.key);
  w.Member("scope", rules::ExemptionScopeName(r.exemption.scope));
  w.Key("declared_on").BeginObject();
  w.Member("kind", r.exemption.holder->kind());
  w.Member("name", r.exemption.holder->name());
  w.Member("file", r.exemption.holder->source().name());
  w.Member("line", r.exemption.value->line());
  w.Member("column", r.exemption.value->column());
  w.EndObject();
  w.Member("justification", r.exemption.justification);
  w.EndObject();
}

void WriteProfilesJson(std::span<const ProfileSummary> summaries, json::Writer& w) {
  w.BeginArray();
  for (const ProfileSummary& s : summaries) {
    w.BeginObject();
    w.Member("name", s.profile->name);
    w.Member("title", s.profile->title);
    if (!s.profile->pss_level.empty()) w.Member("pss_level", s.profile->pss_level);
    w.Key("frameworks").BeginArray();
    for (std::string_view id : s.profile->frameworks) {
      const Framework* f = FindFramework(id);
      w.BeginObject();
      w.Member("id", f->id);
      w.Member("name", f->name);
      w.Member("version", f->version);
      w.EndObject();
    }
    w.EndArray();
    w.Key("counts").BeginObject();
    w.Member("with_findings", static_cast<uint64_t>(s.Count(ControlStatus::kFindings)));
    w.Member("without_findings", static_cast<uint64_t>(s.Count(ControlStatus::kNoFindings)));
    w.Member("not_checked", static_cast<uint64_t>(s.Count(ControlStatus::kNotRun)));
    w.Member("not_checkable", static_cast<uint64_t>(s.Count(ControlStatus::kNotCheckable)));
    w.EndObject();
    w.Key("controls").BeginArray();
    for (const ControlResult& c : s.controls) {
      w.BeginObject();
      w.Member("control", c.control.control->key);
      w.Member("framework", c.control.framework->id);
      w.Member("id", c.control.control->id);
      w.Member("title", c.control.control->title);
      w.Member("status", ControlStatusName(c.status));
      w.Member("checkable", CheckableName(c.control.control->checkable));
      w.Member("findings", static_cast<uint64_t>(c.findings));
      w.Member("exempted", static_cast<uint64_t>(c.exempted));
      w.Key("rules").BeginArray();
      for (std::string_view r : c.rules) w.String(r);
      w.EndArray();
      if (!c.reason.empty()) w.Member("note", c.reason);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteSummaryJson(std::span<const ProfileSummary> summaries, const ExemptionResult& exemptions,
                      json::Writer& w) {
  w.BeginObject();
  w.Member("wording", kWording);
  w.Key("profiles");
  WriteProfilesJson(summaries, w);
  w.Key("exemptions").BeginArray();
  for (const auto& r : exemptions.applied) WriteExemptionJson(r, w);
  w.EndArray();
  w.Key("ignored_exemptions").BeginArray();
  for (const auto& r : exemptions.ignored) WriteExemptionJson(r, w);
  w.EndArray();
  w.EndObject();
}

}  // namespace gori::compliance
