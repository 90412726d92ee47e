// schema-type: a value of the wrong type (string, integer, boolean, object, list, int-or-string,
// quantity syntax)
#include "rules/schema/lib/walk.h"

namespace gori::rules {
namespace {

class SchemaType final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "schema-type",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary =
            "a value of the wrong type (string, integer, boolean, object, list, int-or-string, "
            "quantity syntax)",
        .rationale =
            "The API server rejects an object whose field has the wrong type: an unquoted number "
            "where a string belongs (env values, labels), a string where an integer belongs, a "
            "templating leftover such as {{replicas}} (a YAML mapping). Judged against the "
            "Kubernetes API schema of kubernetes_version (config) or --kubernetes-version, default "
            "the newest release gori embeds (1.28 to 1.36).",
        .remediation = "Give the field a value of the type the message names (quote strings).",
        .failing_example = "env:\n- {name: PORT, value: 8080}",
        .passing_example = "env:\n- {name: PORT, value: \"8080\"}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    schema::Run(*this, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SchemaType)
