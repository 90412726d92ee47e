// src/rules/suppression.h
//
// Suppression annotations, applied by guard/ after the rules ran; a suppressed finding keeps
// its place in the output with `suppressed` set and a reason, so reports can count and show it.
//
// Annotations, on the object or on its pod template:
//   gori.io/ignore.<rule-id>: "<reason>"                 every finding of that rule
//   gori.io/ignore.<rule-id>.<container>: "<reason>"     only the findings about that container
//   gori.io/ignore.<rule-id>: "<reason>; until=YYYY-MM-DD"   suppresses through that day
// A missing or empty reason, a malformed date, or an unknown rule id makes the annotation
// ineffective; an expired one stops suppressing. The meta-suppression-invalid and
// meta-suppression-expired rules report those with the annotation's position.
// Thread-compatible.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.h"
#include "rules/rule.h"

namespace gori::rules {

class Config;

inline constexpr std::string_view kIgnorePrefix = "gori.io/ignore.";

struct IgnoreAnnotation {
  const doc::Node* key = nullptr;
  const doc::Node* value = nullptr;
  std::string path;            // "spec.template.metadata.annotations.gori.io/ignore.x"
  std::string_view rule_id;    // for a policy: its name
  bool policy = false;         // gori.io/ignore.vap.<policy>: findings of vap/<policy>
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

}  // namespace gori::rules
