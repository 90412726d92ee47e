// Test helpers for the pss family: build pods from a flow-style spec, evaluate controls, run the
// pss-* rules through the engine.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "k8s/test_util.h"
#include "rules/pss/lib/controls.h"
#include "rules/test_util.h"

namespace gori::rules::pss::testing {

// A restricted-clean pod spec (flow style): every fixture starts from it and breaks one thing.
inline constexpr char kRestrictedSpec[] =
    "{securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}, "
    "containers: [{name: app, image: x, securityContext: {allowPrivilegeEscalation: false, "
    "capabilities: {drop: [ALL]}}}]}";

// A restricted-clean container named `name`.
inline std::string GoodContainer(const std::string& name, const std::string& extra_sc = "") {
  return "{name: " + name +
         ", image: x, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: "
         "[ALL]}" +
         (extra_sc.empty() ? "" : ", " + extra_sc) + "}}";
}

// A restricted-clean pod spec with extra pod-spec fields, extra pod securityContext fields and
// the given containers (flow style).
inline std::string RestrictedSpec(const std::string& containers, const std::string& pod_fields = "",
                                  const std::string& pod_sc = "") {
  return "{" + pod_fields + (pod_fields.empty() ? "" : ", ") +
         "securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}" +
         (pod_sc.empty() ? "" : ", " + pod_sc) + "}, containers: [" + containers + "]}";
}

inline std::string PodYaml(const std::string& spec, const std::string& annotations = "{}") {
  return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: " + annotations +
         "}\nspec: " + spec + "\n";
}

struct Evaluated {
  std::unique_ptr<k8s::testing::Parsed> parsed;
  std::optional<Violation> violation;

  bool denied() const { return violation.has_value(); }
  // "reason (detail)" or "allowed".
  std::string text() const { return violation ? violation->Text() : "allowed"; }
};

// Evaluates one control on the pod `yaml` (the first object) at `minor`.
inline Evaluated Eval(const std::string& yaml, Control control, uint32_t minor) {
  Evaluated e;
  e.parsed = k8s::testing::ParseYaml(yaml);
  const k8s::PodSpec* pod = e.parsed->objects.at(0).pod();
  if (!pod) throw std::runtime_error("fixture has no pod");
  e.violation = Evaluate(control, *pod, minor);
  return e;
}

// The ids of the controls a policy rejects the pod `yaml` for (first object), in control order.
inline std::vector<std::string> Failing(const std::string& yaml, Level level, uint32_t minor) {
  auto parsed = k8s::testing::ParseYaml(yaml);
  const k8s::PodSpec* pod = parsed->objects.at(0).pod();
  if (!pod) throw std::runtime_error("fixture has no pod");
  std::vector<std::string> ids;
  for (const Violation& v : EvaluatePod(level, minor, *pod)) {
    ids.emplace_back(InfoOf(v.control).id);
  }
  return ids;
}

// Runs every pss-* rule through the engine with `--pss policy` (empty: no --pss).
inline rules::testing::Run RunPss(const std::string& yaml, const std::string& policy) {
  Config config;
  if (!policy.empty()) config.pss = ParsePssFlag(policy).value();
  return rules::testing::RunRules({"pss-*"}, yaml, config);
}

}  // namespace gori::rules::pss::testing
