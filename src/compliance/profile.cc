#include "compliance/profile.h"

#include <algorithm>

#include <fmt/format.h>

#include "compliance/mappings.h"
#include "rules/registry.h"

namespace gori::compliance {
namespace {

const std::vector<Profile>& AllProfiles() {
  static const std::vector<Profile> kProfiles = {
      {"pss-baseline", "Pod Security Standards, baseline level", {"pss"}, "baseline"},
      {"pss-restricted", "Pod Security Standards, restricted level", {"pss"}, "restricted"},
      {"cis-1.10", "CIS Kubernetes Benchmark v1.10, §5 Policies", {"cis-1.10"}, ""},
      {"cis-1.11", "CIS Kubernetes Benchmark v1.11, §5 Policies", {"cis-1.11"}, ""},
      {"cis-1.12", "CIS Kubernetes Benchmark v1.12, §5 Policies", {"cis-1.12"}, ""},
      {"nsa-1.2", "NSA/CISA Kubernetes Hardening Guidance v1.2", {"nsa-1.2"}, ""},
      {"pci-dss-4.0", "PCI DSS v4.0", {"pci-dss-4.0"}, ""},
      {"kr-fin",
       "전자금융감독규정 (Electronic Financial Supervisory Regulation) and ISMS-P",
       {"kr-efsr", "isms-p"},
       ""},
  };
  return kProfiles;
}

}  // namespace

std::span<const Profile> Profiles() { return AllProfiles(); }

const Profile* FindProfile(std::string_view name) {
  for (const Profile& p : AllProfiles()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string ProfileNames() {
  std::vector<std::string_view> names;
  for (const Profile& p : AllProfiles()) names.push_back(p.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

bool ProfileHasControl(const Profile& profile, const ControlRef& control) {
  if (std::find(profile.frameworks.begin(), profile.frameworks.end(), control.framework->id) ==
      profile.frameworks.end()) {
    return false;
  }
  // pss-baseline covers the baseline controls only; pss-restricted covers both levels.
  return profile.pss_level != "baseline" || control.control->level != "restricted";
}

std::vector<ControlRef> ProfileControls(const Profile& profile) {
  std::vector<ControlRef> out;
  for (const Framework& f : Frameworks()) {
    for (const Control& c : f.controls) {
      ControlRef ref{&f, &c};
      if (ProfileHasControl(profile, ref)) out.push_back(ref);
    }
  }
  return out;
}

std::vector<const rules::Rule*> ProfileRules(const Profile& profile) {
  std::vector<const rules::Rule*> out;
  for (const rules::Rule* r : rules::AllRules()) {
    for (const ControlRef& c : MappingsFor(r->Info().id).controls) {
      if (ProfileHasControl(profile, c)) {
        out.push_back(r);
        break;
      }
    }
  }
  return out;  // AllRules() is sorted by id
}

Result<Selection> SelectProfiles(std::span<const std::string> names, rules::Config& config) {
  Selection sel;
  for (const std::string& name : names) {
    const Profile* p = FindProfile(name);
    if (!p) {
      return Fail(fmt::format("unknown profile '{}' (want one of {})", name, ProfileNames()));
    }
    if (std::find(sel.profiles.begin(), sel.profiles.end(), p) != sel.profiles.end()) continue;
    sel.profiles.push_back(p);
    if (p->pss_level == "restricted" || (p->pss_level == "baseline" && sel.pss_level.empty())) {
      sel.pss_level = p->pss_level;
    }
    for (const rules::Rule* r : ProfileRules(*p)) {
      std::string id(r->Info().id);
      if (std::find(config.only.begin(), config.only.end(), id) == config.only.end()) {
        config.only.push_back(std::move(id));
      }
    }
  }
  return sel;
}

}  // namespace gori::compliance
