// src/rules/pss/lib/control_rule.h
//
// What every pss-* rule shares: which policy applies to an object, and the Check that runs one
// control under it.
//
// The policy of an object that runs a pod: when the bundle holds the object's Namespace with a
// `pod-security.kubernetes.io/enforce` label, that label (and `enforce-version`) decides, read
// with PSA's leniency (lib/policy_level.h) — `enforce: privileged` there means nothing is checked
// even under `--pss`; otherwise the `--pss` setting (Config::pss); otherwise nothing is evaluated.
//
// Findings: one per failing control per object (see lib/controls.h for position, path and
// container). The message is PSA's own reason and detail followed by the policy, the control
// and where the policy came from, e.g.
//   runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)
//   [PodSecurity "restricted:v1.25", control runAsNonRoot, from --pss]
// (one line). When a restricted control overrides a baseline one, only the restricted control
// runs, so the finding names it.
#pragma once

#include <optional>

#include "rules/pss/lib/controls.h"
#include "rules/pss/lib/policy_level.h"
#include "rules/rule.h"

namespace gori::rules::pss {

struct EffectivePolicy {
  Policy policy;
  std::optional<NamespacePolicy> from_namespace;  // nullopt: the policy is --pss

  // "from --pss" or "from namespace "pay" label pod-security.kubernetes.io/enforce=…".
  std::string Source() const;
};

// The policy `object` is evaluated at, or nullopt when none applies.
std::optional<EffectivePolicy> PolicyFor(const Context& ctx, const k8s::Object& object);

// A rule for one control; subclasses only supply RuleInfo.
class PssRule : public Rule {
 public:
  explicit PssRule(Control control) : control_(control) {}
  void Check(const Context& ctx, const k8s::Object& object, Sink& out) const override;
  Control control() const { return control_; }

 private:
  Control control_;
};

}  // namespace gori::rules::pss
