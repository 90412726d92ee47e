#include "webhook/engine_evaluator.h"

#include "k8s/object.h"

namespace gori::webhook {

void EngineEvaluator::Evaluate(const doc::Document& object, std::vector<Violation>& out) const {
  // Per call, not per thread: the objects point into this request's tree.
  std::vector<k8s::Object> objects;
  k8s::CollectObjects(object, config_.pod_templates, objects);
  std::vector<rules::Finding> findings;
  engine_.Run(objects, findings);
  for (rules::Finding& f : findings) {
    if (f.suppressed) continue;
    out.push_back({f.rule_id, f.severity, std::move(f.message), f.remediation, std::move(f.path),
                   std::move(f.container)});
  }
}

}  // namespace gori::webhook
