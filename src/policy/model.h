// src/policy/model.h
//
// The compiled form of policies and bindings inside the policy module: every field already
// validated, every expression compiled, views into the loaded files (which the PolicySet owns).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cel/cel.h"
#include "doc/node.h"
#include "k8s/bundle.h"
#include "k8s/resource.h"
#include "policy/policy.h"
#include "rules/rule.h"

namespace gori::policy {

// Activation order of the variables every policy expression sees; `variables.<name>` follow.
enum VarSlot : uint32_t {
  kObject = 0,
  kOldObject,
  kParams,
  kRequest,
  kNamespaceObject,
  kAuthorizer,
  kFirstVariable,
};

struct Expression {
  std::unique_ptr<cel::Program> program;
  std::string_view text;
  const doc::Node* node = nullptr;
};

// A LabelSelector: matchLabels and matchExpressions, ANDed; empty selects everything.
struct LabelSelector {
  enum class Op : uint8_t { kIn, kNotIn, kExists, kDoesNotExist };
  struct Requirement {
    std::string_view key;
    Op op;
    std::vector<std::string_view> values;
  };
  std::vector<Requirement> requirements;
};

// NamedRuleWithOperations.
struct ResourceRule {
  std::vector<std::string_view> operations, groups, versions, resources, names;
  enum class Scope : uint8_t { kAll, kCluster, kNamespaced } scope = Scope::kAll;
};

struct MatchResources {
  LabelSelector namespace_selector;
  LabelSelector object_selector;
  std::vector<ResourceRule> rules;
  std::vector<ResourceRule> exclude;
  bool exact = false;  // matchPolicy: Exact
  // Filled by IndexResources: the resources `rules` name (without subresource), so that an
  // object of another resource is passed over without walking the rules; any_resource when
  // there are no rules or one names "*".
  std::vector<std::string_view> rule_resources;
  bool any_resource = true;
};

struct Validation {
  Expression expr;
  std::optional<std::string_view> message;
  Expression message_expr;  // program null when absent
  std::string_view reason;
};

struct NamedExpression {
  std::string_view name;
  Expression expr;
};

// A variable that reads nothing but `params`, evaluated at load for a param object of the
// policy files (which never change): its value and cost, taken instead of evaluating it again
// whenever that param is bound, within the same budget.
struct ParamVariable {
  const doc::Node* param = nullptr;  // the param object's root
  uint32_t index = 0;                // into Policy::variables
  cel::Value value;
  uint64_t cost = 0;
};

struct Policy {
  std::string name;
  std::string rule_id;  // vap/<name>
  const k8s::Object* object = nullptr;
  std::string_view param_api_version, param_kind;  // empty: no paramKind
  // The paramKind's scope when it is a built-in kind (param_kind_known); otherwise decided at
  // evaluation from a CustomResourceDefinition or the param objects (Params in evaluate.cc).
  bool param_namespaced = true;
  bool param_kind_known = true;
  MatchResources constraints;
  std::vector<NamedExpression> match_conditions;
  std::vector<NamedExpression> variables;
  std::vector<ParamVariable> param_variables;  // filled by PrecomputeParamVariables
  // Per variable: its entry among the variables several policies share (same expression text,
  // reading no other variable), -1 when none; filled by ShareVariables. Such a variable has
  // the same value for every policy evaluated on one object (and param, when it reads params).
  struct Shared {
    int32_t id = -1;
    bool reads_params = false;
  };
  std::vector<Shared> shared_variables;
  std::vector<Validation> validations;
  std::vector<NamedExpression> audit_annotations;
  bool fail_closed = true;  // failurePolicy: Fail
  std::optional<rules::Severity> severity;
  std::string remediation;
};

struct ParamRef {
  std::string_view name;
  std::string_view namespace_;
  std::optional<LabelSelector> selector;
  bool not_found_deny = true;
};

struct Binding {
  std::string name;
  std::string_view policy_name;
  const Policy* policy = nullptr;
  const k8s::Object* object = nullptr;
  std::optional<ParamRef> param_ref;
  std::optional<MatchResources> match;
  uint8_t actions = 0;
};

// Loading (load.cc): documents of the bundle into policies, bindings, params, namespaces.
struct Loaded {
  std::vector<std::unique_ptr<Policy>> policies;
  std::vector<std::unique_ptr<Binding>> bindings;
  std::vector<const k8s::Object*> params;      // every other object of the policy files
  std::vector<const k8s::Object*> namespaces;  // Namespace objects of the policy files
  std::vector<const k8s::Object*> crds;        // CRDs given apart (PolicySet::AddCrds)
  // Kubernetes 1.<minor> whose API server compiles the expressions (its CEL libraries).
  int kubernetes_minor = cel::kLatestKubernetesMinor;
  std::vector<Error> notes;  // policies no binding names
  // Owns the values of every Policy::param_variables (its arena is never reset).
  std::unique_ptr<cel::Evaluator> param_values;
  uint32_t shared_variable_count = 0;  // ids of Policy::shared_variables
};
void LoadPolicies(const k8s::Bundle& bundle, Loaded& out, std::vector<Error>& errors);

// Matching (match.cc).
bool SelectorMatches(const LabelSelector& s, const doc::Node* labels,
                     std::string_view extra_key = {}, std::string_view extra_value = {});

struct Request {
  const k8s::Object* object = nullptr;
  const doc::Node* old_object = nullptr;
  std::string_view operation;
  std::string group, version, resource;
  bool namespaced = true;
  std::span<const k8s::GroupVersion> equivalents;
  std::string_view namespace_;  // effective ("default" when unset); empty when cluster-scoped
  std::string_view name;
  const doc::Node* namespace_labels = nullptr;  // of the Namespace object, when known
  bool is_namespace = false;
};
bool Matches(const MatchResources& m, const Request& r);
// After loading: fills m.rule_resources and m.any_resource.
void IndexResources(MatchResources& m);
// False only when Matches(m, r) is false for every request of `resource`.
inline bool MayMatchResource(const MatchResources& m, std::string_view resource) {
  if (m.any_resource) return true;
  for (std::string_view r : m.rule_resources) {
    if (r == resource) return true;
  }
  return false;
}

}  // namespace gori::policy

namespace gori::policy {

// Evaluation (evaluate.cc): one Decision per binding (bound to a loaded policy) on `object`.
// With `reported_only`, only the decisions with something to report are appended: failed, or
// with auditAnnotations published (a passing or skipped binding has neither).
void DecideObject(const Loaded& loaded, std::span<const Binding* const> bindings,
                  const k8s::Object& object, std::span<const k8s::Object> objects,
                  const Admission* admission, std::vector<Decision>& out,
                  bool reported_only = false);
// After loading: every policy's param_variables, for the param objects of the policy files.
void PrecomputeParamVariables(Loaded& loaded);
// After loading: every policy's shared_variables.
void ShareVariables(Loaded& loaded);
// A failed decision's violations as findings on `object`.
void AppendFindings(const k8s::Object& object, const Decision& d, std::vector<rules::Finding>& out);

}  // namespace gori::policy
