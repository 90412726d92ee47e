#include "rules/pss/lib/policy_level.h"

#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace gori::rules::pss {
namespace {

std::string_view LabelText(const doc::Node* labels, std::string_view key, bool* present) {
  const doc::Node* v = labels ? labels->Get(key) : nullptr;
  *present = v != nullptr;
  // A null label value decodes as the empty string; a map or list is no valid value at all.
  return v && v->IsScalar() && !v->IsNull() ? v->text() : std::string_view();
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kPrivileged:
      return "privileged";
    case Level::kBaseline:
      return "baseline";
    case Level::kRestricted:
      return "restricted";
  }
  return "restricted";
}

std::optional<Level> ParseLevel(std::string_view text) {
  for (Level l : {Level::kPrivileged, Level::kBaseline, Level::kRestricted}) {
    if (LevelName(l) == text) return l;
  }
  return std::nullopt;
}

uint32_t Version::Effective() const {
  if (latest || minor > kNewestMinor) return kNewestMinor;
  return static_cast<uint32_t>(minor);
}

std::string Version::ToString() const {
  return latest ? std::string("latest") : fmt::format("v1.{}", minor);
}

Result<Version> ParseVersion(std::string_view text) {
  if (text == "latest") return Version::Latest();
  auto bad = [&] {
    return Fail(fmt::format("version \"{}\" must be \"latest\" or \"v1.N\"", text));
  };
  if (!text.starts_with("v1.")) return bad();
  std::string_view digits = text.substr(3);
  if (digits.empty() || (digits.size() > 1 && digits[0] == '0')) return bad();
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
  }
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size() ||
      n > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return bad();
  }
  return Version::Minor(n);
}

std::string Policy::ToString() const {
  return fmt::format("{}:{}", LevelName(level), version.ToString());
}

Result<Policy> ParsePssFlag(std::string_view text) {
  std::string_view level_text = text;
  std::string_view version_text = "latest";
  auto colon = text.find(':');
  if (colon != std::string_view::npos) {
    level_text = text.substr(0, colon);
    version_text = text.substr(colon + 1);
  }
  auto level = ParseLevel(level_text);
  if (!level) {
    return Fail(fmt::format(
        "invalid --pss value \"{}\": level must be \"privileged\", \"baseline\" or \"restricted\"",
        text));
  }
  auto version = ParseVersion(version_text);
  if (!version) {
    return Fail(fmt::format("invalid --pss value \"{}\": {}", text, version.error().message));
  }
  return Policy{*level, *version};
}

std::string NamespacePolicy::Describe() const {
  std::string s = fmt::format("namespace \"{}\" label {}=", namespace_name, kEnforceLabel);
  if (level_invalid) {
    s += fmt::format("\"{}\" (not a level: PSA enforces restricted)", level_text);
  } else {
    s += level_text;
  }
  if (has_version_label) {
    s += ", enforce-version=";
    if (version_invalid) {
      s += fmt::format("\"{}\" (not a version: PSA uses latest)", version_text);
    } else {
      s += version_text;
    }
  }
  return s;
}

std::optional<NamespacePolicy> EnforcePolicyOf(const k8s::Object& ns) {
  if (ns.kind() != "Namespace") return std::nullopt;
  const doc::Node* labels = ns.labels();
  if (!labels || !labels->IsMap()) return std::nullopt;
  NamespacePolicy p;
  bool has_level = false;
  p.level_text = LabelText(labels, kEnforceLabel, &has_level);
  if (!has_level) return std::nullopt;
  p.namespace_name = ns.name();
  p.version_text = LabelText(labels, kEnforceVersionLabel, &p.has_version_label);
  if (auto level = ParseLevel(p.level_text)) {
    p.policy.level = *level;
  } else {
    p.policy.level = Level::kRestricted;
    p.level_invalid = true;
  }
  if (p.has_version_label) {
    if (auto version = ParseVersion(p.version_text)) {
      p.policy.version = *version;
    } else {
      p.version_invalid = true;
    }
  }
  return p;
}

bool AnyEnforceLabel(std::span<const k8s::Object* const> objects) {
  for (const k8s::Object* o : objects) {
    if (EnforcePolicyOf(*o)) return true;
  }
  return false;
}

}  // namespace gori::rules::pss
