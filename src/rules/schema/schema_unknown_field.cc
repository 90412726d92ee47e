// schema-unknown-field: a field the schema does not define (with the nearest known name)
#include "rules/schema/lib/walk.h"

namespace gori::rules {
namespace {

class SchemaUnknownField final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "schema-unknown-field",
        .family = Family::kMeta,
        .severity = Severity::kMedium,
        .summary = "a field the schema does not define (with the nearest known name)",
        .rationale =
            "The API server silently drops fields it does not know unless strict field validation "
            "is on (kubectl defaults to strict; Helm, Argo CD and most clients only get a "
            "warning), so a misspelled securityContext or replicas is simply not applied. Judged "
            "against the Kubernetes API schema of kubernetes_version (config) or "
            "--kubernetes-version, default the newest release gori embeds (1.28 to 1.36).",
        .remediation = "Rename the field to the one the message suggests, or remove it.",
        .failing_example = "spec:\n  replica: 3",
        .passing_example = "spec:\n  replicas: 3",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    schema::Run(*this, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SchemaUnknownField)
