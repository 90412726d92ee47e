// src/rules/suppression.h
//
// Suppressions, applied by Engine::Run after the rules ran; a suppressed finding keeps its
// place in the output with `suppressed` set and a reason, so reports can count and show it.
//
// Annotations, on the object or on its pod template:
//   gori.io/ignore.<rule-id>: "<reason>"                 every finding of that rule
//   gori.io/ignore.<rule-id>.<container>: "<reason>"     only the findings about that container
//   gori.io/ignore.<rule-id>: "<reason>; until=YYYY-MM-DD"   suppresses through that day
// A missing or empty reason, a malformed date, or an unknown rule id makes the annotation
// ineffective; an expired one stops suppressing. The meta-suppression-invalid and
// meta-suppression-expired rules report those with the annotation's position.
//
// Baselines record findings by rule, object (kind, namespace, name) and field path — never
// by line, so edits around a finding do not break it. A baseline entry suppresses as many
// findings with its key as were recorded; more of them are new findings.
// Thread-compatible.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/result.h"
#include "k8s/object.h"
#include "rules/rule.h"

namespace gori::rules {

class Config;

inline constexpr std::string_view kIgnorePrefix = "gori.io/ignore.";
// Finding::suppression_reason of a finding a baseline suppresses starts with this.
inline constexpr std::string_view kBaselineReasonPrefix = "recorded in baseline ";

struct IgnoreAnnotation {
  const doc::Node* key = nullptr;
  const doc::Node* value = nullptr;
  std::string path;  // "spec.template.metadata.annotations.gori.io/ignore.x"
  std::string_view rule_id;
  std::string_view container;  // empty: the whole object
  std::string_view reason;
  std::string_view until;  // "YYYY-MM-DD" or empty
  std::string problem;     // why it cannot suppress; empty when well-formed
  bool expired = false;

  bool Suppresses() const { return problem.empty() && !expired; }
};

// Every gori.io/ignore.* annotation of the object and of its pod template, judged against
// `today` ("YYYY-MM-DD").
std::vector<IgnoreAnnotation> IgnoreAnnotations(const k8s::Object& o, std::string_view today);

// config.today when set, else the current UTC date, as "YYYY-MM-DD".
std::string Today(const Config& config);

// Marks the findings that effective annotations of their objects suppress.
void ApplyAnnotationSuppressions(std::span<Finding> findings, std::string_view today);

class Baseline {
 public:
  // Reads a baseline written by Write (JSON). Errors name the file and position.
  static Result<Baseline> Load(const std::string& path);
  static Result<Baseline> Parse(std::string name, std::string bytes);
  // The baseline of `findings` (suppressed ones are left out), as JSON text.
  static std::string Serialize(std::span<const Finding> findings);
  static Status Write(const std::string& path, std::span<const Finding> findings);

  // Marks unsuppressed findings recorded in the baseline as suppressed.
  void Apply(std::span<Finding> findings) const;
  std::size_t entries() const { return counts_.size(); }
  const std::string& name() const { return name_; }

 private:
  // rule, kind, namespace, name, path
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  static Key KeyOf(const Finding& f);

  std::string name_;
  std::map<Key, int64_t> counts_;
};

}  // namespace gori::rules
