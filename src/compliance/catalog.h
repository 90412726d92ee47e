// src/compliance/catalog.h
//
// The frameworks gori maps findings to, and their controls: CIS Kubernetes Benchmark §5 in
// versions 1.10, 1.11 and 1.12 (numbered per version), the NSA/CISA Kubernetes Hardening
// Guidance v1.2, PCI DSS v4.0, 전자금융감독규정 (Korean Electronic Financial Supervisory
// Regulation), ISMS-P, and the Pod Security Standards. Only the controls a Kubernetes manifest
// relates to are listed; each has a one-line description in gori's own words (never the
// framework's text) and says whether manifests can show it at all.
//
// A control is named by its key, the string RuleInfo::mappings and every report use:
//   "CIS-1.12 5.2.2", "NSA-PS-3", "PCI-DSS-4.0 1.3.1", "KR-EFSR 제15조제1항제3호", "ISMS-P 2.6.1",
//   "PSS privileged".
// The NSA/CISA guidance does not number its recommendations; NSA-PS/NS/AA/LG-n are gori's ids,
// numbered in the order the guidance presents them (docs/compliance.md lists the source of each).
//
// Static, immutable data; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gori::compliance {

enum class Checkable : uint8_t {
  kYes,     // manifests show it
  kPartly,  // manifests show part of it (the note says which part)
  kNo,      // lives outside manifests (cluster setup, processes, other systems)
};
std::string_view CheckableName(Checkable c);  // "yes", "partly", "no"

struct Control {
  std::string_view key;    // "CIS-1.12 5.2.2"
  std::string_view id;     // "5.2.2"
  std::string_view title;  // one line, gori's words
  Checkable checkable = Checkable::kYes;
  std::string_view note;   // why it is only partly or not checkable here
  std::string_view level;  // PSS only: "baseline" or "restricted"
};

struct Framework {
  std::string_view id;          // "cis-1.12"
  std::string_view name;        // "CIS Kubernetes Benchmark"
  std::string_view version;     // "v1.12"
  std::string_view scope;       // "§5 Policies"
  std::string_view key_prefix;  // "CIS-1.12"
  std::span<const Control> controls;
};

std::span<const Framework> Frameworks();

// A CIS §5 id of the v1.10 numbering in benchmark `version` ("1.10", "1.11", "1.12"): General
// Policies 5.7.x are 5.6.x from v1.11; v1.12 drops 5.2.9 (added capabilities, "" here) and
// renumbers 5.2.10-5.2.13 to 5.2.9-5.2.12.
std::string CisId(std::string_view version, std::string_view id_v1_10);
const Framework* FindFramework(std::string_view id);

struct ControlRef {
  const Framework* framework = nullptr;
  const Control* control = nullptr;
  bool operator==(const ControlRef&) const = default;
};
std::optional<ControlRef> FindControl(std::string_view key);
// Catalogue order: frameworks in Frameworks() order, controls in their listed order.
bool CatalogueLess(const ControlRef& a, const ControlRef& b);

}  // namespace gori::compliance
