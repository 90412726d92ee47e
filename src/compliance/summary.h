// src/compliance/summary.h
//
// The per-control summary a profile adds to `gori check`: every control of the profile, in
// catalogue order, with one status:
//   findings            unsuppressed findings of its rules map to it
//   no findings         its rules ran and nothing maps to it (evidence, never a "pass")
//   not checked         its rules exist but did not run in this invocation
//   not checkable here  manifests cannot show it, or no rule in this build checks it
// plus the compliance exemptions that applied, each with its justification, and those that were
// ignored for lack of one. Writers append text or JSON; the wording is "maps to", never
// "compliant". Pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/catalog.h"
#include "compliance/profile.h"
#include "json/writer.h"
#include "rules/compliance/lib/analyses.h"
#include "rules/rule.h"

namespace gori::compliance {

enum class ControlStatus : uint8_t { kFindings, kNoFindings, kNotRun, kNotCheckable };
std::string_view ControlStatusName(ControlStatus s);  // "findings", "no findings", ...

struct ControlResult {
  ControlRef control;
  ControlStatus status = ControlStatus::kNotCheckable;
  std::vector<std::string_view> rules;  // active rules mapped to it (for not-run: all mapped)
  std::size_t findings = 0;             // unsuppressed findings of those rules
  std::size_t exempted = 0;             // findings of those rules under a compliance exemption
  std::string reason;                   // why not checked / not checkable
};

struct ProfileSummary {
  const Profile* profile = nullptr;
  std::vector<ControlResult> controls;
  std::size_t Count(ControlStatus s) const;
};

using rules::ExemptionResult;

ProfileSummary Summarize(const Profile& profile, std::span<const rules::Rule* const> active,
                         std::span<const rules::Finding> findings,
                         const ExemptionResult& exemptions);

// Appended after the text report.
void WriteSummaryText(std::span<const ProfileSummary> summaries, const ExemptionResult& exemptions,
                      std::string& out);
// Writes the value of the report's "compliance" member: {"wording", "profiles", "exemptions",
// "ignored_exemptions"}.
void WriteSummaryJson(std::span<const ProfileSummary> summaries, const ExemptionResult& exemptions,
                      json::Writer& w);
// The array of per-profile summaries (shared with the evidence report).
void WriteProfilesJson(std::span<const ProfileSummary> summaries, json::Writer& w);
// One exemption record as a JSON object (shared with the evidence report).
void WriteExemptionJson(const rules::ExemptionRecord& r, json::Writer& w);

inline constexpr std::string_view kWording =
    "Findings map to framework controls; gori does not certify compliance. A control without "
    "findings only has no evidence against it in these manifests, and controls that are not "
    "checkable here need other evidence.";

}  // namespace gori::compliance
