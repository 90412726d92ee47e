#include "webhook/engine_evaluator.h"

#include "k8s/object.h"

namespace gori::webhook {

void EngineEvaluator::Evaluate(const doc::Document& object,
                               std::vector<rules::Finding>& out) const {
  Run(object, nullptr, out);
}

void EngineEvaluator::EvaluateAdmission(const doc::Document& object,
                                        const policy::Admission& admission,
                                        std::vector<rules::Finding>& out) const {
  Run(object, &admission, out);
}

void EngineEvaluator::Run(const doc::Document& object, const policy::Admission* admission,
                          std::vector<rules::Finding>& out) const {
  // Per call, not per thread: the objects point into this request's tree.
  std::vector<k8s::Object> objects;
  k8s::CollectObjects(object, guard_.config().pod_templates, objects);
  guard::Outcome outcome = guard_.Run(objects, admission);
  for (rules::Finding& f : outcome.findings) {
    if (f.suppressed) continue;
    // The object dies with this call; the reviewer needs only what the finding says.
    f.object = nullptr;
    out.push_back(std::move(f));
  }
}

}  // namespace gori::webhook
