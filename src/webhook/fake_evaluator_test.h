// Test-only Evaluator with two toy rules over spec.containers (no rule engine needed):
//   test-privileged (critical): securityContext.privileged: true
//   test-latest-tag (medium):   image ends with ":latest"
#pragma once

#include <atomic>

#include <fmt/format.h>

#include "webhook/evaluator.h"

namespace gori::webhook::testing {

inline rules::Finding Finding(std::string_view id, Severity severity, std::string message,
                              std::string_view remediation, std::string path,
                              std::string container) {
  rules::Finding f;
  f.rule_id = id;
  f.severity = severity;
  f.message = std::move(message);
  f.remediation = remediation;
  f.path = std::move(path);
  f.container = std::move(container);
  return f;
}

class FakeEvaluator final : public Evaluator {
 public:
  void Evaluate(const doc::Document& object, std::vector<rules::Finding>& out) const override {
    calls.fetch_add(1);
    const doc::Node* containers = object.root->Path({"spec", "containers"});
    if (containers == nullptr) return;
    std::size_t i = 0;
    for (const doc::Node* c : containers->items()) {
      std::string name(c->Get("name") ? c->Get("name")->text() : "");
      const doc::Node* priv = c->Path({"securityContext", "privileged"});
      if (priv != nullptr && priv->AsBool().value_or(false)) {
        out.push_back(Finding("test-privileged", Severity::kCritical,
                              fmt::format("container '{}' runs privileged", name),
                              "remove securityContext.privileged",
                              fmt::format("spec.containers[{}].securityContext.privileged", i),
                              name));
      }
      const doc::Node* image = c->Get("image");
      if (image != nullptr && image->text().ends_with(":latest")) {
        out.push_back(Finding("test-latest-tag", Severity::kMedium,
                              fmt::format("container '{}' uses the latest tag", name),
                              "pin a version or digest",
                              fmt::format("spec.containers[{}].image", i), name));
      }
      ++i;
    }
  }
  mutable std::atomic<int> calls{0};
};

// An AdmissionReview for a Pod with the given containers JSON (and optional old containers).
inline std::string Review(std::string_view operation, std::string_view containers,
                          std::string_view old_containers = "", std::string_view ns = "apps",
                          std::string_view uid = "705ab4f5-6393-11e8-b7cc-42010a800002") {
  std::string s = fmt::format(
      R"({{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{{"uid":"{}",)"
      R"("kind":{{"group":"","version":"v1","kind":"Pod"}},"resource":{{"group":"","version":"v1",)"
      R"("resource":"pods"}},"name":"web","namespace":"{}","operation":"{}","userInfo":{{)"
      R"("username":"alice","groups":["dev","system:authenticated"]}},)",
      uid, ns, operation);
  if (operation == "DELETE") {
    s += R"("object":null,)";
  } else {
    s += fmt::format(
        R"("object":{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"web","namespace":"{}"}},)"
        R"("spec":{{"containers":{}}}}},)",
        ns, containers);
  }
  if (!old_containers.empty()) {
    s += fmt::format(R"("oldObject":{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"web"}},)"
                     R"("spec":{{"containers":{}}}}},)",
                     old_containers);
  }
  s += R"("dryRun":false}})";
  return s;
}

}  // namespace gori::webhook::testing
