// schema-enum: a value outside the field's allowed values (imagePullPolicy, restartPolicy,
// protocol, ...)
#include "rules/schema/lib/walk.h"

namespace gori::rules {
namespace {

class SchemaEnum final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "schema-enum",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary =
            "a value outside the field's allowed values (imagePullPolicy, restartPolicy, protocol, "
            "...)",
        .rationale =
            "The API server rejects unsupported values of enumerated fields. The allowed values "
            "come from the API reference of the target release. Judged against the Kubernetes API "
            "schema of kubernetes_version (config) or --kubernetes-version, default the newest "
            "release gori embeds (1.28 to 1.36).",
        .remediation = "Use one of the values the message lists.",
        .failing_example = "imagePullPolicy: Sometimes",
        .passing_example = "imagePullPolicy: IfNotPresent",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    schema::Run(*this, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SchemaEnum)
