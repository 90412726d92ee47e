// src/rules/pss/lib/policy_level.h
//
// Pod Security Standards policies: a level (privileged, baseline, restricted) and a version
// (`latest` or `v1.N`), parsed exactly as Pod Security Admission (PSA) parses them, and the
// enforce policy PSA reads from a Namespace's `pod-security.kubernetes.io/enforce` labels.
//
// Two parsing regimes, on purpose:
//  - the command line (`--pss LEVEL[:VERSION]`) is strict: a malformed value is an Error, which
//    the CLI turns into a usage error (exit 2);
//  - Namespace labels are read with PSA's leniency: an invalid enforce version means `latest`,
//    an invalid enforce level means `restricted` (PSA fails closed). The result remembers which
//    label was invalid so findings can say so.
// Level names are case-sensitive. `v1.N` newer than the newest version where a control changed
// (kNewestMinor) evaluates as that newest version, and so does `latest`.
// Pure functions over immutable data; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "k8s/object.h"

namespace gori::rules::pss {

enum class Level : uint8_t { kPrivileged, kBaseline, kRestricted };

std::string_view LevelName(Level level);
// "privileged", "baseline" or "restricted", exactly; anything else is nullopt.
std::optional<Level> ParseLevel(std::string_view text);

// The newest policy version in which some control changed; `latest` evaluates as this one.
inline constexpr uint32_t kNewestMinor = 37;

struct Version {
  bool latest = true;
  uint64_t minor = 0;  // N of v1.N when !latest (as written; may exceed kNewestMinor)

  static Version Latest() { return {}; }
  static Version Minor(uint64_t n) { return {false, n}; }
  // The minor version the controls are evaluated at: min(N, kNewestMinor), or kNewestMinor.
  uint32_t Effective() const;
  // "latest" or "v1.N" (as written, so `v1.40` stays `v1.40`).
  std::string ToString() const;
  bool operator==(const Version&) const = default;
};

// `latest`, or `v1.N` per ^v1\.(0|[1-9][0-9]*)$ with N representable as a signed 64-bit
// integer (PSA parses it with Go's strconv.Atoi). Everything else is an Error whose message
// says `must be "latest" or "v1.N"`.
Result<Version> ParseVersion(std::string_view text);

struct Policy {
  Level level = Level::kRestricted;
  Version version;

  // "restricted:v1.25", "baseline:latest" (how PSA names a policy in its messages).
  std::string ToString() const;
  bool operator==(const Policy&) const = default;
};

// The `--pss LEVEL[:VERSION]` value (version defaults to latest). Errors read
// `invalid --pss value "<text>": ...`.
Result<Policy> ParsePssFlag(std::string_view text);

inline constexpr std::string_view kEnforceLabel = "pod-security.kubernetes.io/enforce";
inline constexpr std::string_view kEnforceVersionLabel =
    "pod-security.kubernetes.io/enforce-version";

// The enforce policy of a Namespace object as PSA reads its labels.
struct NamespacePolicy {
  Policy policy;
  std::string_view namespace_name;
  std::string_view level_text;    // the enforce label's value as written
  std::string_view version_text;  // the enforce-version label's value (empty when absent)
  bool has_version_label = false;
  bool level_invalid = false;    // PSA reads it as restricted
  bool version_invalid = false;  // PSA reads it as latest

  // e.g. `namespace "pay" label pod-security.kubernetes.io/enforce=restricted,
  // enforce-version=v1.25` with the PSA reading of an invalid value spelled out.
  std::string Describe() const;
};

// nullopt when `ns` is not a Namespace or has no enforce label (PSA then enforces nothing).
std::optional<NamespacePolicy> EnforcePolicyOf(const k8s::Object& ns);

// Whether any of these objects is a Namespace with an enforce label.
bool AnyEnforceLabel(std::span<const k8s::Object* const> objects);

}  // namespace gori::rules::pss
