// src/guard/guard.h
//
// The guard pipeline: one run over loaded objects, the same for `gori check` (files) and every
// review of `gori webhook` (one AdmissionReview object). Each step lives here once:
//   1. one rules::Index over the objects (cross-resource view, built once per run);
//   2. the built-in rules (rules::Engine: active rules, severity overrides);
//   3. further checkers over the same index: the bound ValidatingAdmissionPolicies of the
//      configuration's `policies:` and --policies (policy/policy.h), whose findings go through
//      every step below like a rule's;
//   4. gori.io/ignore.* annotations (rules/suppression.h);
//   5. the baseline (--baseline), then recording a new one (--write-baseline);
//   6. justified compliance/exempt-* exemptions (suppressed, with the justification);
//   7. per-profile compliance summaries;
//   8. a pss-* and a sec-* finding on one node for one reason become one finding naming both
//      (rules/same_reason.h); the steps before see both.
// Suppressed findings stay in the outcome, flagged with a reason, in report order (file, line,
// column, rule id). Guard::Create builds the configuration the way both commands do: the
// configuration file, then the command line (rule selection, profiles, --pss, Kubernetes
// version, CRD schemas, baseline). A Guard is immutable after Create; Run is const and may be
// called from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "compliance/profile.h"
#include "compliance/summary.h"
#include "guard/baseline.h"
#include "k8s/object.h"
#include "policy/policy.h"
#include "rules/compliance/lib/analyses.h"
#include "rules/config.h"
#include "rules/engine.h"
#include "rules/index.h"
#include "rules/rule.h"

namespace gori::guard {

struct Options {
  // The configuration file. Empty: the nearest .gori.yaml from `search_from` upward, or none
  // when `search_from` is empty too.
  std::string config_file;
  std::string search_from;
  // Replaces the file's selection when non-empty: rule ids, globs or families (--rules).
  std::vector<std::string> rules;
  std::vector<std::string> profiles;  // --profile names, in the order given
  std::optional<std::string> pss;     // --pss LEVEL[:VERSION]
  std::string kubernetes_version;     // --kubernetes-version
  // --crd-schemas: CustomResourceDefinition files or directories, added to the file's.
  std::vector<std::string> crd_schemas;
  bool strict_kinds = false;   // --strict-kinds (true overrides the file)
  std::string baseline;        // --baseline FILE
  std::string write_baseline;  // --write-baseline FILE
  // A selection of no rule at all is an error (gori check), not an empty run.
  bool require_rules = false;
  // ValidatingAdmissionPolicy files and directories (--policies), after the configuration's.
  std::vector<std::string> policies;
};

// Produces findings over the objects of a run, next to the built-in rules.
class Checker {
 public:
  virtual ~Checker() = default;
  virtual void Check(const rules::Config& config, const rules::Index& index,
                     std::vector<rules::Finding>& out) const = 0;
  // The same with what the webhook knows of the request (operation, oldObject; gori check
  // passes none), and the values a checker publishes per object (`audit`).
  virtual void CheckAdmission(const rules::Config& config, const rules::Index& index,
                              const policy::Admission* admission, std::vector<rules::Finding>& out,
                              std::vector<rules::ObjectAudit>& audit) const {
    (void)admission;
    (void)audit;
    Check(config, index, out);
  }
};

struct Outcome {
  std::unique_ptr<rules::Index> index;   // views into the objects given to Run
  std::vector<rules::Finding> findings;  // sorted; suppressed ones flagged with a reason
  // auditAnnotations of the policies per object, whatever the object's findings; in input order.
  std::vector<rules::ObjectAudit> audit;
  rules::ExemptionResult exemptions;
  std::vector<compliance::ProfileSummary> summaries;  // one per selected profile
  // What the user should know about the run (stderr), e.g. pss rules without a level.
  std::vector<std::string> notes;
  // --write-baseline could not write its file.
  std::optional<Error> error;
};

class Guard {
 public:
  // Errors are ready for the user ("--profile: unknown profile ...", "FILE:L:C: ...").
  static Result<std::unique_ptr<Guard>> Create(const Options& options);
  // Over a configuration built elsewhere (tests, benchmarks).
  explicit Guard(rules::Config config, compliance::Selection profiles = {});
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

  const rules::Config& config() const { return config_; }
  const rules::Engine& engine() const { return engine_; }
  std::span<const compliance::Profile* const> profiles() const { return profiles_.profiles; }
  std::size_t active_rules() const { return engine_.active().size(); }

  // Adds a checker that runs after the rules in every later Run (before Runs start).
  void AddChecker(std::unique_ptr<Checker> checker) { checkers_.push_back(std::move(checker)); }

  // Every step over `objects`, which must outlive the outcome. `admission`: the webhook's
  // request (operation, oldObject) for the policies; nullptr evaluates a CREATE.
  Outcome Run(std::span<const k8s::Object> objects,
              const policy::Admission* admission = nullptr) const;

  // The loaded policies (empty when none are configured) and what was wrong in their files
  // (each positioned; the policies that loaded still run).
  const policy::PolicySet& policies() const { return *policies_; }
  std::span<const Error> policy_errors() const { return policies_->errors(); }

 private:
  rules::Config config_;
  rules::Engine engine_;  // refers to config_
  compliance::Selection profiles_;
  std::vector<std::unique_ptr<Checker>> checkers_;
  std::shared_ptr<const policy::PolicySet> policies_ = std::make_shared<policy::PolicySet>();
  std::shared_ptr<const Baseline> baseline_;
  std::string write_baseline_;
  bool rules_from_flag_ = false;
};

}  // namespace gori::guard
