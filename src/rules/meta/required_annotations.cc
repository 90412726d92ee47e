// meta-required-annotations: annotations the platform needs on every object.
#include <string>

#include "rules/config.h"
#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

class RequiredAnnotations final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "meta-required-annotations",
        .family = Family::kMeta,
        .severity = Severity::kLow,
        .summary = "an annotation listed in required_annotations is missing",
        .rationale =
            "Teams record what tooling and people need to know about an object in "
            "annotations: the owning team's contact, the runbook, the data "
            "classification, the change ticket. When one of them is missing the "
            "on-call engineer finds out during the incident. Checked on each object "
            "(not on pod templates); an empty value counts as missing.",
        .remediation =
            "Add the annotations (a kustomize commonAnnotations or a Helm helper keeps "
            "them consistent).",
        .enabled_by_default = false,
        .failing_example =
            "# required_annotations: [example.com/owner, example.com/runbook]\nmetadata:\n  "
            "annotations: {example.com/owner: payments}",
        .passing_example =
            "metadata:\n  annotations:\n    example.com/owner: payments\n    "
            "example.com/runbook: https://runbooks.example.com/api",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    if (ctx.config.required_annotations.empty() || o.kind().empty()) return;
    const doc::Node* metadata = o.metadata();
    const doc::Node* annotations = metadata ? metadata->Get("annotations") : nullptr;
    std::string missing;
    for (const std::string& key : ctx.config.required_annotations) {
      const doc::Node* v = annotations ? annotations->Get(key) : nullptr;
      if (v && !Text(v).empty()) continue;
      if (!missing.empty()) missing += ", ";
      missing += key;
    }
    if (missing.empty()) return;
    out.Reportf(*this, o, FirstMap({annotations, metadata}, o.root()), "metadata.annotations",
                "{} '{}' lacks required annotation{} {}", o.kind(), o.name(),
                missing.find(',') == std::string::npos ? "" : "s", missing);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::RequiredAnnotations)
