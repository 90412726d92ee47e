// schema-required: a required field is missing (reported at its parent's key)
#include "rules/schema/lib/walk.h"

namespace gori::rules {
namespace {

class SchemaRequired final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "schema-required",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary = "a required field is missing (reported at its parent's key)",
        .rationale =
            "The API server rejects an object without its required fields (a Deployment without "
            "spec.selector, a container without name). Judged against the Kubernetes API schema of "
            "kubernetes_version (config) or --kubernetes-version, default the newest release gori "
            "embeds (1.28 to 1.36).",
        .remediation = "Add the field the message names.",
        .failing_example = "spec:\n  template: {}",
        .passing_example = "spec:\n  selector: {matchLabels: {app: web}}\n  template: {}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    schema::Run(*this, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SchemaRequired)
