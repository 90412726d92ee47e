#include "policy/policy.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "k8s/test_util.h"

namespace gori::policy {
namespace {

using k8s::testing::ParseYaml;

// The policies of `text` for Kubernetes `version` ("": the newest gori knows).
PolicySet Load(std::string text, std::string_view version = "") {
  PolicySet set;
  set.SetKubernetesVersion(version);
  set.AddSource(Source::FromString("policy.yaml", std::move(text)));
  set.Finish();
  return set;
}

constexpr const char* kReplicas = R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]
  validations:
  - expression: "object.spec.replicas <= 5"
    message: too many replicas
  - expression: "object.spec.template.spec.containers.all(c, c.image.startsWith('reg.example.com/'))"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas-binding
spec:
  policyName: replicas
  validationActions: [Deny]
)y";

constexpr const char* kDeployment = R"y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: pay
spec:
  replicas: 7
  template:
    spec:
      containers:
      - name: ok
        image: reg.example.com/web:1
      - name: bad
        image: docker.io/web:1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  replicas: 9
)y";

// The start of a policy `name` on Deployment CREATEs whose params are `kind` objects of
// `api_version`; the caller adds variables and validations.
std::string ParamPolicyHead(std::string_view name, std::string_view api_version,
                            std::string_view kind) {
  return fmt::format(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: {0}
spec:
  paramKind:
    apiVersion: {1}
    kind: {2}
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
)y",
                     name, api_version, kind);
}

// A Deny binding of policy `name` to the param object `param` in namespace pay; `extra` adds
// lines under paramRef.
std::string ParamBinding(std::string_view name, std::string_view param,
                         std::string_view extra = "") {
  return fmt::format(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: {0}
spec:
  policyName: {0}
  validationActions: [Deny]
  paramRef:
    name: {1}
    namespace: pay
{2}---
)y",
                     name, param, extra);
}

TEST(Policy, ViolationsAreFindingsAtTheNodeThatMadeThemFalse) {
  PolicySet set = Load(kReplicas);
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(kDeployment, "app.yaml");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 2u);  // the Service is not a deployment
  EXPECT_EQ(out[0].rule_id, "vap/replicas");
  EXPECT_EQ(out[0].severity, rules::Severity::kHigh);
  EXPECT_EQ(out[0].message,
            "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: "
            "too many replicas");
  EXPECT_EQ(out[0].line, 7u);  // replicas: 7
  EXPECT_EQ(out[0].path, "spec.replicas");
  EXPECT_EQ(out[1].message,
            "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: "
            "failed expression: "
            "object.spec.template.spec.containers.all(c, c.image.startsWith('reg.example.com/'))");
  EXPECT_EQ(out[1].line, 13u);  // the container named bad
  EXPECT_EQ(out[1].column, 9u);
  EXPECT_EQ(out[1].path, "spec.template.spec.containers[1]");
}

TEST(Policy, CompileErrorsArePositionedInTheFileWithACaret) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: p
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
  validations:
  - expression: "objet.spec.replicas > 1"
)y");
  ASSERT_EQ(set.errors().size(), 1u);
  EXPECT_EQ(set.errors()[0].ToString(),
            "policy.yaml:10:18: spec.validations[0].expression: undeclared reference to 'objet' "
            "(in container '')\n"
            " |   - expression: \"objet.spec.replicas > 1\"\n"
            " |                  ^");
  EXPECT_EQ(set.policy_count(), 0u);
}

TEST(Policy, UnknownFieldsAndBindingsToNothingAreErrors) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: b
spec:
  policyName: missing
  validationActions: [Deny]
  paramref: {name: x}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: b2
spec:
  policyName: missing
  validationActions: [Deny]
)y");
  ASSERT_EQ(set.errors().size(), 2u);
  EXPECT_EQ(set.errors()[0].line, 8u);
  EXPECT_NE(set.errors()[0].message.find("unknown key 'paramref'"), std::string::npos);
  EXPECT_EQ(set.errors()[1].ToString(),
            "policy.yaml:15:15: spec.policyName: no ValidatingAdmissionPolicy named 'missing'");
}

constexpr const char* kParams = R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: registries
spec:
  failurePolicy: Fail
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"]}
  variables:
  - name: allowed
    expression: "params.data.registries.split(',')"
  validations:
  - expression: "object.spec.containers.all(c, variables.allowed.exists(r, c.image.startsWith(r)))"
    messageExpression: "'image not from ' + params.data.registries"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: registries-pay
spec:
  policyName: registries
  validationActions: [Warn]
  paramRef: {selector: {matchLabels: {kind: registries}}, parameterNotFoundAction: Deny}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: pay, labels: {kind: registries}}
data: {registries: "reg.example.com/"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, namespace: pay, labels: {kind: registries}}
data: {registries: "reg.example.com/,docker.io/"}
)y";

TEST(Policy, ParamsBySelectorAreEachEvaluatedAndAnded) {
  PolicySet set = Load(kParams);
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: v1
kind: Pod
metadata: {name: p, namespace: pay}
spec:
  containers:
  - {name: a, image: docker.io/x}
---
apiVersion: v1
kind: Pod
metadata: {name: q, namespace: other}
spec:
  containers:
  - {name: a, image: docker.io/x}
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].severity, rules::Severity::kMedium);
  EXPECT_EQ(out[0].message,
            "Validation failed for ValidatingAdmissionPolicy 'registries' with binding "
            "'registries-pay': image not from reg.example.com/");
  EXPECT_EQ(out[0].line, 6u);
  // No param in namespace other: Deny under failurePolicy Fail.
  EXPECT_EQ(out[1].message,
            "ValidatingAdmissionPolicy 'registries' with binding 'registries-pay' denied request: "
            "failed to configure binding: no params found for policy binding with `Deny` "
            "parameterNotFoundAction");
}

TEST(Policy, NamespaceSelectorMatchConditionsAndErrors) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: cost
  annotations: {gori.io/severity: critical, gori.io/remediation: add the label}
spec:
  matchConstraints:
    namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [payments]}]}
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["*"], operations: ["CREATE"], resources: ["deployments"]}
  matchConditions:
  - {name: not-system, expression: "!object.metadata.name.startsWith('system-')"}
  validations:
  - expression: "object.metadata.labels['cost-center'] != ''"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: cost}
spec: {policyName: cost, validationActions: [Audit]}
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: v1
kind: Namespace
metadata: {name: pay, labels: {team: payments}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: pay, labels: {x: y}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: system-a, namespace: pay}
---
apiVersion: apps/v1beta1
kind: Deployment
metadata: {name: b, namespace: pay, labels: {cost-center: "1"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: c}
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, rules::Severity::kCritical);
  EXPECT_EQ(out[0].remediation, "add the label");
  EXPECT_EQ(
      out[0].message,
      "Validation failed for ValidatingAdmissionPolicy 'cost' with binding 'cost': expression "
      "'object.metadata.labels['cost-center'] != ''' resulted in error: no such key: "
      "cost-center");
  EXPECT_EQ(out[0].line, 7u);
  EXPECT_EQ(out[0].path, "metadata.labels");
}

TEST(Policy, AuditAnnotationsArePublishedPerObject) {
  auto policy = [](std::string_view failure, std::string_view annotations) {
    return fmt::format(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: audit
spec:
  failurePolicy: {}
  matchConstraints:
    resourceRules:
    - {{apiGroups: ["apps"], apiVersions: ["v1"], operations: ["*"], resources: ["deployments"]}}
  validations:
  - expression: "object.spec.replicas <= 5"
    message: too many
  auditAnnotations:
{}---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: audit-binding
spec:
  policyName: audit
  validationActions: [Deny]
)y",
                       failure, annotations);
  };
  auto objs = ParseYaml(kDeployment, "app.yaml");
  {
    PolicySet set = Load(policy(
        "Ignore", R"y(  - {key: replicas, valueExpression: "'  ' + string(object.spec.replicas)"}
  - {key: none, valueExpression: "null"}
  - {key: blank, valueExpression: "'  '"}
  - {key: broken, valueExpression: "object.spec.nothing"}
  - {key: replicas, valueExpression: "'again'"}
)y"));
    ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
    std::vector<rules::Finding> out;
    std::vector<rules::ObjectAudit> audit;
    set.Check(objs->objects, nullptr, out, &audit);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].message,
              "ValidatingAdmissionPolicy 'audit' with binding 'audit-binding' denied request: "
              "too many");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].object, &objs->objects[0]);
    ASSERT_EQ(audit[0].annotations.size(), 1u);
    EXPECT_EQ(audit[0].annotations[0].first, "audit/replicas");
    EXPECT_EQ(audit[0].annotations[0].second, "7");
    std::vector<Decision> decisions;
    set.Decide(objs->objects[0], objs->objects, nullptr, decisions);
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].audit_annotations, audit[0].annotations);
  }
  {
    // An object that passes publishes its annotations too (the audit log of an admitted
    // request), though it has no finding to carry them.
    std::string passing =
        policy("Fail", R"y(  - {key: replicas, valueExpression: "string(object.spec.replicas)"}
)y");
    passing.replace(passing.find("<= 5"), 4, "<= 10");
    PolicySet set = Load(passing);
    ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
    std::vector<rules::Finding> out;
    std::vector<rules::ObjectAudit> audit;
    set.Check(objs->objects, nullptr, out, &audit);
    EXPECT_TRUE(out.empty());
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].annotations,
              (std::vector<std::pair<std::string, std::string>>{{"audit/replicas", "7"}}));
  }
  {
    // An error denies under failurePolicy Fail; a value that is neither string nor null denies
    // whatever the failurePolicy, as the API server's validator does.
    PolicySet set =
        Load(policy("Fail", R"y(  - {key: broken, valueExpression: "object.spec.nothing"}
  - {key: number, valueExpression: "object.spec.replicas"}
)y"));
    ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
    std::vector<rules::Finding> out;
    set.Check(objs->objects, nullptr, out);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[1].message,
              "ValidatingAdmissionPolicy 'audit' with binding 'audit-binding' denied request: "
              "expression 'object.spec.nothing' resulted in error: no such key: nothing");
    EXPECT_EQ(out[2].message,
              "ValidatingAdmissionPolicy 'audit' with binding 'audit-binding' denied request: "
              "valueExpression 'object.spec.replicas' resulted in unsupported return type: int. "
              "Return type must be either string or null.");
    PolicySet ignore =
        Load(policy("Ignore", R"y(  - {key: number, valueExpression: "object.spec.replicas"}
)y"));
    out.clear();
    std::vector<rules::ObjectAudit> audit;
    ignore.Check(objs->objects, nullptr, out, &audit);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_TRUE(audit.empty());
  }
}

TEST(Policy, WarnAndAuditAreWordedAsTheApiServersWarning) {
  std::string text = kReplicas;
  text.replace(text.find("[Deny]"), 6, "[Warn, Audit]");
  PolicySet set = Load(text);
  auto objs = ParseYaml(kDeployment, "app.yaml");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].message,
            "Validation failed for ValidatingAdmissionPolicy 'replicas' with binding "
            "'replicas-binding': too many replicas");
  EXPECT_EQ(out[0].severity, rules::Severity::kMedium);
  EXPECT_EQ(out[0].policy_actions, kWarn | kAudit);
}

TEST(Policy, TheKubernetesVersionSelectsTheCelLibraries) {
  constexpr const char* kIp = R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ip
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["*"], resources: ["services"]}
  validations:
  - expression: "ip('10.0.0.1').family() == 4"
)y";
  PolicySet old = Load(kIp, "1.30");
  ASSERT_EQ(old.errors().size(), 1u);
  EXPECT_EQ(old.errors()[0].ToString(),
            "policy.yaml:10:18: spec.validations[0].expression: undeclared reference to 'ip' (in "
            "container '')\n"
            " |   - expression: \"ip('10.0.0.1').family() == 4\"\n"
            " |                  ^");
  EXPECT_TRUE(Load(kIp, "v1.31.2").errors().empty());
  EXPECT_TRUE(Load(kIp).errors().empty());
}

TEST(Policy, APolicyNoBindingNamesIsANoteNotAFinding) {
  std::string text = kReplicas;
  text.resize(text.find("---"));
  PolicySet set = Load(text);
  EXPECT_TRUE(set.errors().empty());
  ASSERT_EQ(set.notes().size(), 1u);
  EXPECT_EQ(set.notes()[0].ToString(),
            "policy.yaml:4:9: ValidatingAdmissionPolicy 'replicas' is bound by no "
            "ValidatingAdmissionPolicyBinding: it is never evaluated");
  auto objs = ParseYaml(kDeployment, "app.yaml");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(Load(kReplicas).notes().empty());
}

TEST(Policy, ACustomResourceIsMatchedByThePluralOfItsDefinition) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: octopi
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["sea.example.com"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["octopi"]}
  validations:
  - expression: "object.spec.arms == 8"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: octopi
spec:
  policyName: octopi
  validationActions: [Deny]
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  constexpr const char* kOctopus = R"y(apiVersion: sea.example.com/v2
kind: Octopus
metadata: {name: paul, namespace: sea}
spec: {arms: 7}
)y";
  constexpr const char* kCrd = R"y(---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: octopi.sea.example.com}
spec:
  group: sea.example.com
  scope: Namespaced
  names: {kind: Octopus, plural: octopi, singular: octopus}
  versions:
  - {name: v1, served: true, storage: false}
  - {name: v2, served: true, storage: true}
)y";
  std::vector<rules::Finding> out;
  // Without its definition the kind is kubectl's guess, "octopuses": no match.
  auto alone = ParseYaml(kOctopus, "octopus.yaml");
  set.Check(alone->objects, nullptr, out);
  EXPECT_TRUE(out.empty());
  // With it, "octopi"; v2 matches the v1 rule as an equivalent version of the same resource.
  auto with_crd = ParseYaml(std::string(kOctopus) + kCrd, "octopus.yaml");
  set.Check(with_crd->objects, nullptr, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule_id, "vap/octopi");
}

TEST(Policy, ResultTypesKnownWithoutASchemaAreCheckedAsTheApiServerDoes) {
  auto load = [](std::string_view validation) {
    return Load(fmt::format(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: p
spec:
  matchConstraints:
    resourceRules:
    - {{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}}
  validations:
{})y",
                            validation));
  };
  auto error = [&](std::string_view validation) {
    PolicySet set = load(validation);
    return set.errors().empty() ? std::string("no error") : set.errors()[0].ToString();
  };
  EXPECT_EQ(error("  - expression: \"'replicas'\"\n"),
            "policy.yaml:10:18: spec.validations[0].expression: must evaluate to bool but got "
            "string\n"
            " |   - expression: \"'replicas'\"\n"
            " |                  ^");
  EXPECT_EQ(error("  - expression: \"object.spec.replicas + 1\"\n"), "no error");  // dyn
  EXPECT_EQ(error("  - expression: \"size(object.spec.containers) * 2\"\n"),
            "policy.yaml:10:18: spec.validations[0].expression: must evaluate to bool but got "
            "int\n"
            " |   - expression: \"size(object.spec.containers) * 2\"\n"
            " |                  ^");
  EXPECT_EQ(error("  - expression: \"object.spec.containers.map(c, c.name)\"\n"),
            "policy.yaml:10:18: spec.validations[0].expression: must evaluate to bool but got "
            "list(dyn)\n"
            " |   - expression: \"object.spec.containers.map(c, c.name)\"\n"
            " |                  ^");
  EXPECT_EQ(error("  - expression: \"true\"\n    messageExpression: \"size(object.metadata.name) > "
                  "3\"\n"),
            "policy.yaml:11:25: spec.validations[0].messageExpression: must evaluate to string "
            "but got bool\n"
            " |     messageExpression: \"size(object.metadata.name) > 3\"\n"
            " |                         ^");
  EXPECT_EQ(error("  - expression: \"true\"\n    messageExpression: \"'too many: ' + "
                  "string(object.spec.replicas)\"\n"),
            "no error");
  EXPECT_EQ(error("  - expression: \"true\"\n    messageExpression: \"object.metadata.name + "
                  "' is bad'\"\n"),
            "no error");  // dyn + string
  EXPECT_EQ(error("  - expression: \"object.spec.x == 1 ? true : false\"\n"), "no error");
  EXPECT_EQ(error("  - expression: \"true\"\n"
                  "  auditAnnotations: [{key: k, valueExpression: \"size(object.metadata)\"}]\n"),
            "policy.yaml:11:49: spec.auditAnnotations[0].valueExpression: must evaluate to one "
            "of [string null_type] but got int\n"
            " |   auditAnnotations: [{key: k, valueExpression: \"size(object.metadata)\"}]\n"
            " |                                                 ^");
  EXPECT_EQ(error("  - expression: \"true\"\n"
                  "  auditAnnotations: [{key: k, valueExpression: \"null\"}]\n"),
            "no error");
}

// Policies with the same variable text share its evaluation on one object, and a variable that
// reads only params is computed at load for params of the policy files: each policy still sees
// its own param, whether that comes from the policy files or from the checked objects.
TEST(Policy, VariablesWithTheSameTextKeepEachPolicysParam) {
  std::string policies;
  for (const char* name : {"low", "mid", "high"}) {
    policies += ParamPolicyHead(name, "v1", "ConfigMap") +
                fmt::format(R"y(  variables:
  - name: limit
    expression: "int(params.data.max)"
  - name: replicas
    expression: "object.spec.replicas"
  validations:
  - expression: "variables.replicas <= variables.limit"
    messageExpression: "'{0}: ' + string(variables.replicas) + ' > ' + string(variables.limit)"
---
)y",
                            name) +
                ParamBinding(name, name, "    parameterNotFoundAction: Deny\n");
  }
  policies += R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: low
  namespace: pay
data:
  max: "2"
)y";
  PolicySet set = Load(policies);
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: pay
spec:
  replicas: 5
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: mid
  namespace: pay
data:
  max: "4"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: high
  namespace: pay
data:
  max: "9"
)y",
                        "app.yaml");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].message,
            "ValidatingAdmissionPolicy 'low' with binding 'low' denied request: low: 5 > 2");
  EXPECT_EQ(out[1].message,
            "ValidatingAdmissionPolicy 'mid' with binding 'mid' denied request: mid: 5 > 4");
}

// A variable computed at load from params alone (and one shared by text between policies) is
// charged its cost as if evaluated; when less budget is left than it costs, evaluating it
// gives the cost error the API server gives, not the computed value.
TEST(Policy, PrecomputedVariablesRespectTheBudgetLeft) {
  // sets.contains(l, l) on 3,000 items costs 900,000: eleven such validations leave less
  // than that of the 10,000,000 a policy gets per object.
  std::string items = "[1";
  for (int i = 1; i < 3000; ++i) items += ",1";
  items += "]";
  // Two variables: one from params alone (computed at load), one that also reads the object
  // (computed by the first policy that needs it and shared with the others by its text).
  constexpr const char* kParamsOnly = "sets.contains(params.spec.items, params.spec.items)";
  constexpr const char* kShared =
      "sets.contains(params.spec.items, params.spec.items) && object.metadata.name != ''";
  auto policy = [](const char* name, const char* variable, int heavy_validations) {
    std::string text = ParamPolicyHead(name, "example.com/v1", "Limits") +
                       fmt::format(
                           "  variables:\n  - name: heavy\n    expression: \"{}\"\n"
                           "  validations:\n",
                           variable);
    for (int i = 0; i < heavy_validations; ++i) {
      text += "  - expression: \"sets.contains(params.spec.items, params.spec.items)\"\n";
    }
    return text + "  - expression: \"variables.heavy\"\n---\n" + ParamBinding(name, "limits");
  };
  PolicySet set = Load(policy("fits", kParamsOnly, 10) + policy("over", kParamsOnly, 11) +
                       policy("shared-first", kShared, 0) + policy("shared-over", kShared, 11) +
                       "apiVersion: example.com/v1\nkind: Limits\nmetadata:\n  name: limits\n"
                       "  namespace: pay\nspec:\n  items: " +
                       items + "\n");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: pay
spec:
  replicas: 1
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].rule_id, "vap/over");
  EXPECT_EQ(out[1].rule_id, "vap/shared-over");
  for (const rules::Finding& f : out) {
    const std::string_view name = f.rule_id.substr(4);
    EXPECT_EQ(f.message, fmt::format("ValidatingAdmissionPolicy '{0}' with binding '{0}' denied "
                                     "request: validation failed due to running out of cost "
                                     "budget, no further validation rules will be run",
                                     name));
  }
}

// As the API server decodes objects and builds `request` before CEL reads them: a null field
// is absent, a value without fields has none (`has()` false, a selection `no such key`), and
// the request of a cluster-scoped object or a generated name omits namespace and name.
TEST(Policy, ObjectsAndRequestsReadAsTheApiServerBuildsThem) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: shapes}
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
    - {apiGroups: ["", "rbac.authorization.k8s.io"], apiVersions: ["v1"], operations: ["CREATE"],
       resources: ["pods", "clusterroles"]}
  validations:
  - expression: "!has(object.spec) || !has(object.spec.nodeSelector)"
    message: a node selector
  - expression: "!has(params.metadata)"
    message: params have metadata
  - expression: "!has(request.namespace) || request.namespace == 'pay'"
    message: not in pay
  - expression: "has(request.name)"
    message: no name
  - expression: "object.?spec.?securityContext.?runAsNonRoot.orValue(true)"
    message: runs as root
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: shapes}
spec:
  policyName: shapes
  validationActions: [Deny]
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: v1
kind: Pod
metadata: {name: nulls, namespace: pay}
spec:
  nodeSelector: null
  containers: [{name: a, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {generateName: gen-, namespace: pay}
spec:
  nodeSelector:
  containers: [{name: a, image: x}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
---
apiVersion: v1
kind: Pod
metadata: {namespace: pay}
spec:
  containers: [{name: a, image: x}]
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message,
            "ValidatingAdmissionPolicy 'shapes' with binding 'shapes' denied request: no name");
  EXPECT_EQ(out[0].line, 20u);  // the object: the expression read none of its fields
}

// The API server names a generateName object before validating admission: `request.name` and
// `object.metadata.name` are the prefix (cut to 58 bytes) and a 5-character suffix, "xxxxx"
// offline.
TEST(Policy, GenerateNameObjectsAreNamedAsTheApiServerNamesThem) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: names}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
  validations:
  - expression: "request.name == object.metadata.name"
    message: names differ
  - expression: "object.metadata.name.startsWith('migrate-')"
    message: not a migration
  - expression: "size(object.metadata.name) <= 63"
    messageExpression: "'too long: ' + object.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: names}
spec:
  policyName: names
  validationActions: [Deny]
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: v1
kind: Pod
metadata: {generateName: migrate-, namespace: pay}
spec:
  containers: [{name: a, image: x}]
---
apiVersion: v1
kind: Pod
metadata:
  generateName: job-0123456789012345678901234567890123456789012345678901234567890123456789-
  namespace: pay
spec:
  containers: [{name: a, image: x}]
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message,
            "ValidatingAdmissionPolicy 'names' with binding 'names' denied request: not a "
            "migration");
  EXPECT_EQ(out[0].line, 10u);  // the metadata that lacks the name, as for every default
  EXPECT_EQ(out[0].column, 3u);
}

// A paramKind gori does not know is cluster-scoped when its CustomResourceDefinition says so,
// or, without one, when its param objects name no namespace: a paramRef by name alone then
// finds the param for objects in every namespace.
TEST(Policy, ClusterScopedParamKindsAreFoundFromEveryNamespace) {
  std::string policy = ParamPolicyHead("limits", "example.com/v1", "Limits") + R"y(  validations:
  - expression: "object.spec.replicas <= params.spec.maxReplicas"
    message: too many replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: limits}
spec:
  policyName: limits
  validationActions: [Deny]
  paramRef: {name: cluster-limits, parameterNotFoundAction: Deny}
---
apiVersion: example.com/v1
kind: Limits
metadata: {name: cluster-limits}
spec: {maxReplicas: 3}
)y";
  constexpr const char* kCrd = R"y(---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: limits.example.com}
spec:
  group: example.com
  names: {kind: Limits, plural: limits}
  scope: Cluster
  versions: [{name: v1, served: true, storage: true}]
)y";
  constexpr const char* kApps = R"y(apiVersion: apps/v1
kind: Deployment
metadata: {name: small, namespace: pay}
spec: {replicas: 2}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: big, namespace: shop}
spec: {replicas: 5}
)y";
  for (std::string text : {policy, policy + kCrd}) {
    PolicySet set = Load(text);
    ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
    auto objs = ParseYaml(kApps);
    std::vector<rules::Finding> out;
    set.Check(objs->objects, nullptr, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].message,
              "ValidatingAdmissionPolicy 'limits' with binding 'limits' denied request: too many "
              "replicas");
    EXPECT_EQ(out[0].line, 9u);
  }
}

// v1alpha1 policies are read where the API server served them and a positioned error after,
// never taken for params.
TEST(Policy, AlphaPoliciesAreAnErrorWhereTheApiServerNoLongerServesThem) {
  std::string text = kReplicas;
  for (std::size_t at; (at = text.find("k8s.io/v1\n")) != std::string::npos;)
    text.replace(at, 10, "k8s.io/v1alpha1\n");
  PolicySet now = Load(text, "1.32");
  ASSERT_EQ(now.errors().size(), 2u);
  EXPECT_EQ(now.errors()[0].ToString(),
            "policy.yaml:1:13: admissionregistration.k8s.io/v1alpha1 ValidatingAdmissionPolicy is "
            "not served by Kubernetes 1.32 (the alpha API was last served in 1.31): use "
            "admissionregistration.k8s.io/v1");
  PolicySet then = Load(text, "1.30");
  ASSERT_TRUE(then.errors().empty()) << then.errors()[0].ToString();
  auto objs = ParseYaml(kDeployment, "app.yaml");
  std::vector<rules::Finding> out;
  then.Check(objs->objects, nullptr, out);
  EXPECT_EQ(out.size(), 2u);
}

// The API server defaults an object before validating admission: a policy reads the defaults
// of the fields the manifest leaves out (and its own values where it writes them). Requests
// copied from limits are a Pod's, not a template's.
TEST(Policy, PoliciesSeeTheApiServersDefaults) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: defaults}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"]}
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"]}
  validations:
  - expression: "object.kind != 'Deployment' || object.spec.replicas >= 2"
    message: fewer than two replicas
  - expression: "object.kind != 'Deployment' || object.spec.strategy.rollingUpdate.maxUnavailable == '25%'"
    message: not the default strategy
  - expression: >-
      object.kind != 'Deployment' || object.spec.template.spec.containers.all(c,
        c.imagePullPolicy == (c.image.endsWith(':latest') || !c.image.contains(':') ? 'Always' : 'IfNotPresent')
        && (!has(c.resources.requests) || !has(c.resources.requests.memory)))
    message: pull policy or requests
  - expression: "object.kind != 'Deployment' || has(object.spec.template.spec.securityContext)"
    message: no pod security context
  - expression: "object.kind != 'Service' || object.spec.ports.all(p, p.targetPort == p.port && p.protocol == 'TCP')"
    message: ports
  - expression: "object.kind != 'Service' || object.spec.type == 'ClusterIP'"
    message: not a ClusterIP Service
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: defaults}
spec:
  policyName: defaults
  validationActions: [Deny]
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: pay}
spec:
  template:
    spec:
      containers:
      - {name: a, image: reg.example.com/a, resources: {limits: {memory: 1Gi}}}
      - {name: b, image: reg.example.com/b:1.2, resources: {limits: {memory: 1Gi}, requests: {cpu: 1}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: pay}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: lb, namespace: pay}
spec:
  type: LoadBalancer
  ports: [{port: 443, targetPort: 8443}]
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].message,
            "ValidatingAdmissionPolicy 'defaults' with binding 'defaults' denied request: fewer "
            "than two replicas");
  EXPECT_EQ(out[1].message,
            "ValidatingAdmissionPolicy 'defaults' with binding 'defaults' denied request: ports");
  EXPECT_EQ(out[2].message,
            "ValidatingAdmissionPolicy 'defaults' with binding 'defaults' denied request: not a "
            "ClusterIP Service");
}

// A custom resource whose CustomResourceDefinition is among the inputs is read with the
// defaults of its version's schema, as the API server decodes it.
TEST(Policy, CustomResourcesSeeTheirSchemasDefaults) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: gateways}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["pay.example.com"], apiVersions: ["*"], operations: ["CREATE"], resources: ["gateways"]}
  validations:
  - expression: "object.spec.replicas >= 2"
    message: fewer than two replicas
  - expression: "object.spec.tls.minVersion == 'TLS1.2' || object.spec.tls.minVersion == 'TLS1.3'"
    message: old TLS
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: gateways}
spec:
  policyName: gateways
  validationActions: [Deny]
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  constexpr std::string_view kCrd = R"y(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gateways.pay.example.com}
spec:
  group: pay.example.com
  scope: Namespaced
  names: {kind: Gateway, plural: gateways}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer, default: 1}
              tls:
                type: object
                default: {}
                properties:
                  minVersion: {type: string, default: TLS1.2}
  - name: v2
    served: true
    storage: false
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer, default: 3}
              tls:
                type: object
                default: {minVersion: TLS1.3}
                properties:
                  minVersion: {type: string}
---
)y";
  constexpr std::string_view kGateways = R"y(apiVersion: pay.example.com/v1
kind: Gateway
metadata: {name: one, namespace: pay}
spec: {}
---
apiVersion: pay.example.com/v2
kind: Gateway
metadata: {name: two, namespace: pay}
spec: {}
---
apiVersion: pay.example.com/v1
kind: Gateway
metadata: {name: three, namespace: pay}
spec:
  replicas: 4
  tls: {minVersion: TLS1.0}
)y";
  auto objs = ParseYaml(std::string(kCrd) + std::string(kGateways));
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].message,
            "ValidatingAdmissionPolicy 'gateways' with binding 'gateways' denied request: fewer "
            "than two replicas");
  EXPECT_EQ(out[0].object->name(), "one");  // v1's default: 1; v2's: 3
  EXPECT_EQ(out[1].message,
            "ValidatingAdmissionPolicy 'gateways' with binding 'gateways' denied request: old TLS");
  EXPECT_EQ(out[1].object->name(), "three");

  // Without the CRD, the resource is kubectl's guess ("gatewaies"), which the rule does not
  // name: the CRD is what makes the policy apply at all.
  auto bare = ParseYaml(std::string(kGateways));
  out.clear();
  set.Check(bare->objects, nullptr, out);
  EXPECT_EQ(out.size(), 0u);
}

// A validation that fails with an error a variable raised points where the variable's walk
// found it (the map lacking the key), as it does when the same text is written inline.
TEST(Policy, AVariablesErrorIsPlacedWhereItArose) {
  PolicySet set = Load(R"y(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: exempt}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"]}
  variables:
  - name: exempt
    expression: "'exempt' in object.metadata.labels"
  validations:
  - expression: "variables.exempt || object.spec.replicas > 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: exempt}
spec: {policyName: exempt, validationActions: [Deny]}
)y");
  ASSERT_TRUE(set.errors().empty()) << set.errors()[0].ToString();
  auto objs = ParseYaml(R"y(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: pay}
spec:
  replicas: 1
)y");
  std::vector<rules::Finding> out;
  set.Check(objs->objects, nullptr, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(
      out[0].message,
      "ValidatingAdmissionPolicy 'exempt' with binding 'exempt' denied request: expression "
      "'variables.exempt || object.spec.replicas > 5' resulted in error: no such key: labels");
  EXPECT_EQ(out[0].line, 3u);  // the metadata map, not replicas
  EXPECT_EQ(out[0].column, 11u);
}

}  // namespace
}  // namespace gori::policy
