// schema-name: metadata.name does not have the syntax its kind requires
#include "rules/schema/lib/walk.h"

namespace gori::rules {
namespace {

class SchemaName final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "schema-name",
        .family = Family::kMeta,
        .severity = Severity::kHigh,
        .summary = "metadata.name does not have the syntax its kind requires",
        .rationale =
            "Most objects need a DNS-1123 subdomain name, Services and Namespaces a DNS label (63 "
            "characters), RBAC objects a path segment; the API server rejects other names.",
        .remediation = "Use lowercase letters, digits and '-' (and '.' where allowed).",
        .failing_example = "kind: Service\nmetadata: {name: My_Service}",
        .passing_example = "kind: Service\nmetadata: {name: my-service}",
    };
    return kInfo;
  }
  void Check(const Context& ctx, const k8s::Object& o, Sink& out) const override {
    schema::Run(*this, ctx, o, out);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::SchemaName)
