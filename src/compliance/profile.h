// src/compliance/profile.h
//
// Compliance profiles (`gori check --profile NAME`, repeatable): a profile names one or more
// frameworks of the catalogue, and selects every registered rule whose mappings reach one of
// their controls - including compliance rules that are off by default. Profiles:
//   pss-baseline, pss-restricted  Pod Security Standards (rules pss-*)
//   cis-1.10, cis-1.11, cis-1.12  CIS Kubernetes Benchmark §5, numbered per version
//   nsa-1.2                       NSA/CISA Kubernetes Hardening Guidance v1.2
//   pci-dss-4.0                   PCI DSS v4.0
//   kr-fin                        전자금융감독규정 + ISMS-P
// Static data; SelectProfiles mutates only the Config it is given.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "compliance/catalog.h"
#include "rules/config.h"
#include "rules/rule.h"

namespace gori::compliance {

struct Profile {
  std::string_view name;                     // "cis-1.12"
  std::string_view title;                    // "CIS Kubernetes Benchmark v1.12 §5"
  std::vector<std::string_view> frameworks;  // framework ids (catalog.h)
  std::string_view pss_level;                // "baseline" / "restricted" for pss-*, else ""
};

std::span<const Profile> Profiles();
const Profile* FindProfile(std::string_view name);
// "pss-baseline, pss-restricted, cis-1.10, ..." for messages.
std::string ProfileNames();

// The profile's controls in catalogue order (pss-baseline: the baseline-level PSS controls).
std::vector<ControlRef> ProfileControls(const Profile& profile);
bool ProfileHasControl(const Profile& profile, const ControlRef& control);
// Registered rules mapped to at least one of the profile's controls, sorted by id.
std::vector<const rules::Rule*> ProfileRules(const Profile& profile);

struct Selection {
  std::vector<const Profile*> profiles;  // in the order given, without repeats
  // The strictest Pod Security level a pss-* profile asked for ("" when none): the level the
  // pss rules must evaluate at.
  std::string_view pss_level;
};

// Resolves `names` and adds each profile's rules to config.only (by exact id, so rules that are
// off by default run too). Unknown names are an error naming the known profiles.
Result<Selection> SelectProfiles(std::span<const std::string> names, rules::Config& config);

}  // namespace gori::compliance
