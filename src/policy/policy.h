// src/policy/policy.h
//
// ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) evaluated offline, as the API
// server decides: a PolicySet holds the policies, bindings, param objects and Namespace objects
// read from policy files, every CEL expression compiled once (compile errors and malformed
// fields are positioned Errors; a broken policy is dropped, the others still load). Check()
// runs every bound policy on every object of a run as the API server would on its admission
// (CREATE unless an Admission says otherwise): matchConstraints and the binding's
// matchResources (resourceRules with group/version/resource, excludeResourceRules,
// namespaceSelector, objectSelector, matchPolicy), matchConditions, paramKind/paramRef (one
// evaluation per param, ANDed; parameterNotFoundAction), variables (lazy, in order),
// validations with message / messageExpression / reason and their fallbacks, failurePolicy,
// validationActions. A violation becomes a finding with rule id `vap/<policy>` at the node that
// made the validation false. Immutable after loading; Check may run on many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "k8s/bundle.h"
#include "k8s/crd_schemas.h"
#include "k8s/object.h"
#include "rules/rule.h"

namespace gori::policy {

// What the API server knows about a request beyond the object (gori webhook); gori check
// evaluates every object as a CREATE without one.
struct Admission {
  std::string_view operation = "CREATE";
  const doc::Node* old_object = nullptr;  // UPDATE
  const doc::Node* request = nullptr;     // the AdmissionReview's request, used as `request`
};

// validationActions as a bit set.
enum Action : uint8_t { kDeny = 1, kWarn = 2, kAudit = 4 };

enum class Verdict : uint8_t { kPass, kFail, kSkip };
std::string_view VerdictName(Verdict v);  // "pass", "fail", "skip"

// The API server's text for a failed validation: with Deny `ValidatingAdmissionPolicy '<p>'
// with binding '<b>' denied request: <message>`, else the Warn warning `Validation failed for
// ValidatingAdmissionPolicy '<p>' with binding '<b>': <message>`.
std::string ApiServerMessage(std::string_view policy, std::string_view binding, bool deny,
                             std::string_view message);

struct Policy;
struct Binding;

// The outcome of one binding of one policy on one object (all its params ANDed).
struct Decision {
  const Policy* policy = nullptr;
  const Binding* binding = nullptr;
  Verdict verdict = Verdict::kSkip;
  // Failed: one entry per failing validation (or configuration error), API server wording.
  struct Violation {
    std::string message;
    const doc::Node* at = nullptr;  // the node that made it false (nullptr: the object)
    // Denied whatever the binding's validationActions (a binding that cannot be configured,
    // an auditAnnotation that cannot be published), as the API server's dispatcher does.
    bool always_deny = false;
  };
  std::vector<Violation> violations;
  // auditAnnotations published (a string value that is not blank), key `<policy>/<key>`, in
  // policy order; a key already published by an earlier param keeps its first value.
  std::vector<std::pair<std::string, std::string>> audit_annotations;
};

class PolicySet {
 public:
  PolicySet();
  ~PolicySet();
  PolicySet(PolicySet&&) noexcept;
  PolicySet& operator=(PolicySet&&) noexcept;

  // Policy files and directories (as gori check reads inputs; walking a directory skips
  // `tests` directories and *.test.yaml files, where policy tests live). Errors go to errors().
  void AddPath(const std::string& path);
  void AddSource(std::unique_ptr<Source> source);
  // The Kubernetes release whose API server the policies are compiled for ("1.31", "v1.31.2";
  // "" = the newest gori knows): a CEL library or syntax newer than it is a positioned
  // `undeclared reference` compile error, as that API server would reject it. Before Finish.
  void SetKubernetesVersion(std::string_view version);
  // CustomResourceDefinitions known apart from the inputs (--crd-schemas, kept alive here):
  // like CRDs among the inputs, they give custom resources their scope, plural and schema
  // defaults.
  void AddCrds(std::shared_ptr<const k8s::CrdSchemaFiles> crds);
  // Reads what was added: classifies documents, compiles, resolves bindings. Call once.
  void Finish();
  // Gives every policy without a binding one of its own (named after the policy,
  // validationActions [Deny]), as `gori policy test` evaluates policies. After Finish.
  void BindUnbound();

  std::span<const Error> errors() const { return errors_; }
  // Positioned notes that are no errors: a policy that no binding names is never evaluated.
  std::span<const Error> notes() const;
  std::size_t policy_count() const;
  std::size_t binding_count() const;
  bool empty() const { return policy_count() == 0; }
  // Names of the loaded policies, in file order.
  std::vector<std::string_view> PolicyNames() const;

  // Every binding on `object`; `objects` are the run's objects (Namespaces, params).
  void Decide(const k8s::Object& object, std::span<const k8s::Object> objects,
              const Admission* admission, std::vector<Decision>& out) const;
  // Decisions as findings, appended to `out`; with `audit`, one record per object that
  // published auditAnnotations (every binding's, in order), whether or not it has a finding.
  void Check(std::span<const k8s::Object> objects, const Admission* admission,
             std::vector<rules::Finding>& out,
             std::vector<rules::ObjectAudit>* audit = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<Error> errors_;
};

}  // namespace gori::policy
