// src/rules/pss/lib/controls.h
//
// The Pod Security Standards controls, evaluated the way Kubernetes' Pod Security Admission
// (PSA) evaluates them, at any policy version v1.0 … latest (design: shared PSS.md).
//
// Which controls run: Runs(control, level, minor) — the control's level is included in the
// policy level, the policy version is at or after the control's first version, and (at
// restricted) no restricted control that overrides it exists at that version
// (restrictedVolumes > hostPathVolumes, seccompProfile_restricted > seccompProfile_baseline from
// v1.19, capabilities_restricted > capabilities_baseline from v1.22, procMount_restricted >
// procMount from v1.35). Version-dependent behaviour inside a control (sysctl lists,
// container_engine_t from v1.31, seccomp annotations before v1.19, windows exemption from v1.25,
// hostUsers: false relaxation from v1.35) is Evaluate's business.
//
// Reporting contract: one Violation per failing control per pod, like PSA's own result. Its
// `reason` and `detail` are PSA's ForbiddenReason and ForbiddenDetail, word for word, so that
// users recognise them (every offending container, volume, value in one detail). It points at
// the first offender the detail names, in PSA's visiting order (pod-level fields, then
// containers init → regular → ephemeral, then annotations as written): the offending node, or —
// when a required field is missing — its closest existing parent (the container's
// securityContext, else the container).
// `path` is the offending field's path even when the field is missing
// ("spec.containers[0].securityContext.runAsNonRoot"); `container` is that offender's container
// name, empty when the offender is pod-level.
//
// Values are read the way the API server decodes them: a null field is unset, booleans and
// integers follow the YAML 1.1 resolution of the doc tree, enumerated values match exactly
// and case-sensitively. Evaluating a passing pod allocates nothing.
// Pure functions; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/node.h"
#include "k8s/pod.h"
#include "rules/pss/lib/policy_level.h"

namespace gori::rules::pss {

enum class Control : uint8_t {
  // baseline
  kWindowsHostProcess,
  kHostNamespaces,
  kPrivileged,
  kCapabilitiesBaseline,
  kHostPathVolumes,
  kHostPorts,
  kAppArmorProfile,
  kSeLinuxOptions,
  kProcMount,
  kSeccompProfileBaseline,
  kSysctls,
  kHostProbesAndHostLifecycle,
  // restricted
  kRestrictedVolumes,
  kAllowPrivilegeEscalation,
  kRunAsNonRoot,
  kRunAsUser,
  kSeccompProfileRestricted,
  kCapabilitiesRestricted,
  kProcMountRestricted,
};
inline constexpr std::size_t kControlCount = 19;

struct ControlInfo {
  Control control;
  std::string_view id;  // PSA's check id: "runAsNonRoot", "seccompProfile_restricted"
  Level level;
  uint32_t since;                    // first minor version (v1.since)
  std::optional<Control> overrides;  // the baseline control it replaces at restricted
  std::array<uint32_t, 5> changes;   // minor versions where its behaviour changes (0 = none)
};

const ControlInfo& InfoOf(Control control);
const std::array<ControlInfo, kControlCount>& AllControls();

// Whether `control` is part of the policy `level` at minor version `minor` (see header).
bool Runs(Control control, Level level, uint32_t minor);

struct Violation {
  Control control;
  std::string reason;  // PSA's ForbiddenReason, e.g. "runAsNonRoot != true"
  std::string detail;  // PSA's ForbiddenDetail
  const doc::Node* at = nullptr;
  std::string path;
  std::string_view container;

  // "reason (detail)", as PSA prints one failed check.
  std::string Text() const { return reason + " (" + detail + ")"; }
};

// Evaluates `control` at minor version `minor` (whether it runs there is Runs()'s question).
// nullopt when the pod passes.
std::optional<Violation> Evaluate(Control control, const k8s::PodSpec& pod, uint32_t minor);

// Every control that runs at `level`/`minor` and fails, in Control order.
std::vector<Violation> EvaluatePod(Level level, uint32_t minor, const k8s::PodSpec& pod);

}  // namespace gori::rules::pss
