// src/rules/rule.h
//
// What a rule is: metadata (RuleInfo) plus a Check over one object at a time, with read access
// to the whole bundle through Context (cross-resource index, configuration). Rules report
// Findings through a Sink; findings are data, never errors. A rule is one file under
// src/rules/<family>/ ending in GORI_REGISTER_RULE(<Class>); the build generates
// the registry from those files (see registry.h), so adding a rule touches no other file.
// Rules are stateless and const: one instance serves every thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/result.h"
#include "doc/node.h"
#include "k8s/object.h"

namespace gori::rules {

enum class Severity : uint8_t { kInfo = 0, kLow, kMedium, kHigh, kCritical };
std::string_view SeverityName(Severity s);  // "critical", "high", ...
Result<Severity> ParseSeverity(std::string_view s);

enum class Family : uint8_t {
  kSecurity,
  kRbac,
  kReliability,
  kResources,
  kNetwork,
  kSupply,
  kMeta,
  kPss,
  kCompliance
};
std::string_view FamilyName(Family f);  // "security", "rbac", ...

struct RuleInfo {
  std::string_view id;  // family-what, e.g. "sec-privileged"
  Family family = Family::kSecurity;
  Severity severity = Severity::kMedium;
  std::string_view summary;      // one line, what fires
  std::string_view rationale;    // why it matters
  std::string_view remediation;  // how to fix
  bool enabled_by_default = true;
  std::string_view failing_example;  // YAML snippet for `gori explain`
  std::string_view passing_example;
  bool cross_resource = false;  // needs the bundle index; doc says when it can speak
};

struct Finding {
  std::string_view rule_id;
  Severity severity = Severity::kMedium;
  std::string message;
  const k8s::Object* object = nullptr;  // may be null for document-level findings
  std::string_view file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string path;       // field path of the offending node, e.g. "spec.hostNetwork"
  std::string container;  // container name when the finding is about one
  std::string_view remediation;
  // The offending node holds a credential: reports must not print its source text (excerpts).
  bool sensitive = false;
  // A policy finding's enforcement, as the API server's validationActions: 1 Deny, 2 Warn (a
  // warning, never a denial), 4 Audit (neither); 0 for a built-in rule's (severity decides).
  uint8_t policy_actions = 0;
  bool suppressed = false;
  std::string suppression_reason;
  // Rules that reported this node for the same reason and were folded into this finding
  // (rules/same_reason.h), e.g. pss-privileged into sec-privileged.
  std::vector<std::string_view> also_rules;
};

// Values published for one object whatever its findings: the auditAnnotations of the
// ValidatingAdmissionPolicies that evaluated it (key `<policy>/<key>`), in policy order.
struct ObjectAudit {
  const k8s::Object* object = nullptr;
  std::vector<std::pair<std::string, std::string>> annotations;
};

class Config;
class Index;

// Read-only view of the run a rule needs.
struct Context {
  const Config& config;
  const Index& index;
};

class Rule;

// Collects findings. `at` is the node that is wrong (or the parent of a missing field); a map
// or list is reported at its key (`spec:`), the object's root at its first line. ReportValue is
// for a value whose own type is wrong: a flow collection (`replicas: {{n}}`) is reported at
// its opening bracket, a block collection (which starts at its first child) at its key.
class Sink {
 public:
  explicit Sink(std::vector<Finding>& out) : out_(out) {}

  Finding& Report(const Rule& rule, const k8s::Object& object, const doc::Node* at,
                  std::string path, std::string message);
  Finding& ReportValue(const Rule& rule, const k8s::Object& object, const doc::Node* at,
                       std::string path, std::string message);
  template <typename... Args>
  Finding& Reportf(const Rule& rule, const k8s::Object& object, const doc::Node* at,
                   std::string path, fmt::format_string<Args...> f, Args&&... args) {
    return Report(rule, object, at, std::move(path), fmt::format(f, std::forward<Args>(args)...));
  }

 private:
  Finding& Add(const Rule& rule, const k8s::Object& object, const doc::Node* pos, std::string path,
               std::string message);

  std::vector<Finding>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& Info() const = 0;
  virtual void Check(const Context& ctx, const k8s::Object& object, Sink& out) const = 0;
};

}  // namespace gori::rules

// Registers `Class` as the rule of this file. The build names the factory after the file's family
// and name (GORI_RULE_FAMILY, GORI_RULE_NAME; see src/rules/CMakeLists.txt), so a rule file says
// only which class it registers: GORI_REGISTER_RULE(gori::rules::Privileged).
#define GORI_REGISTER_RULE(Class) GORI_REGISTER_RULE_IN_(GORI_RULE_FAMILY, GORI_RULE_NAME, Class)
#define GORI_REGISTER_RULE_IN_(family, name, Class) GORI_REGISTER_RULE_AS_(family, name, Class)
#define GORI_REGISTER_RULE_AS_(family, name, Class)                                        \
  namespace gori::rules::registered::family {                                              \
  std::unique_ptr<::gori::rules::Rule> Make_##name() { return std::make_unique<Class>(); } \
  }
